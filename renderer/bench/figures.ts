// One import per feature's figures (each file calls registerFigure).
import './figures/records';
import './figures/foundation';
import './figures/forms';
import './figures/escalation';
import './figures/sync';
export {};
