/** The application's base name, apart from database.ts so the start-up path knows it without loading Dexie. */
export const DATABASE_NAME = 'partenaires-mcp';
