// The look every Recharts chart of the app shares (spread onto the Recharts elements), so the console's charts and
// a server's statistics stay alike without each repeating it.

/** Room around the plot of a chart with vertical bars or lines. */
export const CHART_MARGIN = { top: 8, right: 8, bottom: 0, left: 0 };

/** Dashed horizontal grid lines (vertical bars, lines). */
export const GRID_ROWS = { strokeDasharray: '3 3', vertical: false, stroke: 'var(--border)' };

/** Dashed vertical grid lines (horizontal bars). */
export const GRID_COLUMNS = { strokeDasharray: '3 3', horizontal: false, stroke: 'var(--border)' };

/** The axes' tick labels. */
export const TICK = { fontSize: 11 };

/** The legend's text. */
export const LEGEND_STYLE = { fontSize: 12 };
