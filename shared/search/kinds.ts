/** The kinds of search results, in display order: apart from searchIndex.ts so the toolbar's search box needs no index code. */
export type SearchKind = 'partner' | 'contact' | 'habilitation';
export const searchKinds: readonly SearchKind[] = ['partner', 'contact', 'habilitation'];
