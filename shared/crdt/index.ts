export * from './hlc';
export * from './record';
export * from './merge';
