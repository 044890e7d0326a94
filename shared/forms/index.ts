export * from './model';
export * from './format';
export * from './build';
export * from './dataset';
