export * from './types';
export { readConvention, NotAConventionError, looksLikeConvention, matchRoleLabel, parseRepresentative } from './extract';
export { normalizeText, cellsOf, fold } from './normalize';
export { findSections, splitLines } from './sections';
