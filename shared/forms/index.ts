export * from './model';
export * from './format';
export * from './build';
