// One import per feature's figures (each file calls registerFigure).
import './figures/records';
import './figures/partners';
import './figures/foundation';
import './figures/escalation';
import './figures/forms';
import './figures/sync';
import './figures/restore';
import './figures/spreadsheet';
import './figures/derived';
import './figures/reports';
import './figures/extract';
export {};
