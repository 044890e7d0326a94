export * from './model';
export * from './build';
export * from './csv';
