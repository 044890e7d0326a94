export * from './engine';
export * from './placeholders';
export * from './defaults';
export * from './context';
