/**
 * How far ahead the dashboard looks, apart from dashboardData.ts: the page's card texts need these alone, and the
 * lists' computation (rules, date-fns, the CDAP catalogue) runs in the derived-state worker, not before the first screen.
 */
export const RENEWAL_WINDOW_DAYS = 90;
export const REVIEW_WINDOW_DAYS = 30;
