export * from './model';
export * from './build';
export * from './csv';
// ./xlsx is imported on its own (it brings exceljs): see ReportsView's export.
