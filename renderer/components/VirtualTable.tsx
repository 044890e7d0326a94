/**
 * A table that renders only the visible rows (@tanstack/react-virtual), so 5,000 partners scroll smoothly.
 * ARIA table roles on divs: a real <table> cannot host absolutely positioned rows. Sorting is by header click
 * (or Enter/Space on the focused header); the sortable headers are one tab stop (roving tabindex, arrows move
 * between them); rows open with click or Enter and show a focus ring. A cell cut short (« … ») shows its full
 * text in a tooltip on hover, and the focused row lists its cut cells in full below it (keyboard users).
 */
import { Box, Typography } from '@mui/material';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface VirtualColumn<R> {
  id: string;
  header: string;
  /** CSS grid track, e.g. '2fr' or '140px'. */
  width: string;
  render: (row: R) => ReactNode;
  sortable?: boolean;
}

export interface SortState {
  column: string;
  direction: 'asc' | 'desc';
}

const ROW_HEIGHT = 40;

export function VirtualTable<R>({
  label,
  columns,
  rows,
  rowKey,
  sort,
  onSortChange,
  onRowOpen,
  height = 'calc(100vh - 330px)',
  rowCount = rows.length,
  onVisibleEnd,
}: {
  label: string;
  columns: readonly VirtualColumn<R>[];
  /** The rows, or (paged lists, usePagedRows) the rows loaded so far out of `rowCount`. */
  rows: readonly R[];
  /** Paged lists: the list's length; rows not loaded yet show as pending. */
  rowCount?: number;
  /** Paged lists: told the index of the last row in view, to load ahead of it. */
  onVisibleEnd?: (index: number) => void;
  rowKey: (row: R) => string;
  sort?: SortState;
  onSortChange?: (s: SortState) => void;
  onRowOpen?: (row: R) => void;
  height?: string;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rowCount, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const lastVisible = items.length ? items[items.length - 1]!.index : 0;
  useEffect(() => onVisibleEnd?.(lastVisible), [onVisibleEnd, lastVisible]);
  const template = columns.map((c) => c.width).join(' ');
  const toggle = (id: string) => {
    if (!onSortChange) return;
    onSortChange({ column: id, direction: sort?.column === id && sort.direction === 'asc' ? 'desc' : 'asc' });
  };
  // One tab stop for the header row: the sorted column's header (or the first sortable one); arrows move.
  const sortable = columns.filter((c) => c.sortable).map((c) => c.id);
  const [headerStop, setHeaderStop] = useState<string | null>(null);
  const stop = headerStop && sortable.includes(headerStop) ? headerStop : sortable.includes(sort?.column ?? '') ? sort!.column : sortable[0];
  const headerRef = useRef<HTMLDivElement>(null);
  const moveHeader = (e: KeyboardEvent, id: string) => {
    const i = sortable.indexOf(id);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? sortable.length - 1 : null;
    if (next === null || next < 0 || next >= sortable.length) return;
    e.preventDefault();
    setHeaderStop(sortable[next]!);
    headerRef.current?.querySelector<HTMLElement>(`[data-column="${sortable[next]}"]`)?.focus();
  };

  // The focused row's cut cells, in full under it (a tooltip for keyboard users; hover has the cells' title).
  const [tip, setTip] = useState<{ top: number; id: string; lines: { header: string; text: string }[] } | null>(null);
  const tipId = `${label.replace(/\W+/g, '-')}-texte-complet`;
  const onRowFocus = useCallback(
    (el: HTMLElement, start: number) => {
      const lines = [...el.querySelectorAll<HTMLElement>('.vt-cell')].flatMap((cell, i) => (isCut(cell) ? [{ header: columns[i]?.header ?? '', text: cell.textContent ?? '' }] : []));
      // Below the row, or above it when the view ends first (the last rows in view).
      const height = 12 + lines.length * 20;
      const view = scrollRef.current;
      const below = start + ROW_HEIGHT;
      const top = view && below + height > view.scrollTop + view.clientHeight ? start - height : below;
      setTip(lines.length ? { top, id: el.dataset.key ?? '', lines } : null);
    },
    [columns],
  );
  const onRowBlur = useCallback(() => setTip(null), []);
  return (
    <Box role="table" aria-label={label} aria-rowcount={rowCount + 1} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.paper' }}>
      <Box role="rowgroup">
        <Box
          role="row"
          ref={headerRef}
          sx={{ display: 'grid', gridTemplateColumns: template, borderBottom: 1, borderColor: 'divider', bgcolor: 'grey.100', '& [role=columnheader]:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 } }}
        >
          {columns.map((c) => {
            const active = sort?.column === c.id;
            return (
              <Box
                key={c.id}
                role="columnheader"
                aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                data-column={c.id}
                tabIndex={c.sortable ? (c.id === stop ? 0 : -1) : undefined}
                onClick={
                  c.sortable
                    ? () => {
                        setHeaderStop(c.id);
                        toggle(c.id);
                      }
                    : undefined
                }
                onKeyDown={(e) => {
                  if (!c.sortable) return;
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    toggle(c.id);
                  } else moveHeader(e, c.id);
                }}
                sx={{ px: 1, py: 1, fontWeight: 600, fontSize: 14, cursor: c.sortable ? 'pointer' : 'default', display: 'flex', alignItems: 'center', gap: 0.5, userSelect: 'none' }}
              >
                {c.header}
                {active && (sort.direction === 'asc' ? <ArrowUpwardIcon fontSize="inherit" /> : <ArrowDownwardIcon fontSize="inherit" />)}
              </Box>
            );
          })}
        </Box>
      </Box>
      <Box
        ref={scrollRef}
        role="rowgroup"
        data-testid="virtual-scroll"
        sx={{
          height,
          minHeight: 200,
          overflow: 'auto',
          position: 'relative',
          // Row and cell styles are declared once here: per-row `sx` would make emotion serialise styles (and mint
          // a class per scroll position) on every scroll frame, which is what made fast scrolling stutter.
          '& .vt-row': { position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, display: 'grid', alignItems: 'center', borderBottom: 1, borderColor: 'divider', cursor: onRowOpen ? 'pointer' : 'default' },
          '& .vt-row:hover, & .vt-row:focus': { bgcolor: 'action.hover', outline: 'none' },
          // The focus ring: the theme's primary blue (over 7:1 on white), inside the row so nothing clips it.
          '& .vt-row:focus-visible': { outline: '3px solid', outlineColor: 'primary.main', outlineOffset: -3 },
          '& .vt-cell': { px: 1, fontSize: 14, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
          // A chip or badge never spills out of its cell: cut with « … » like text (and shown in full on hover/focus).
          '& .vt-cell .MuiChip-root, & .vt-cell .status-badge': { maxWidth: '100%', boxSizing: 'border-box', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', verticalAlign: 'middle' },
          '& .vt-tip': { position: 'absolute', left: 8, zIndex: 2, maxWidth: 'calc(100% - 16px)', bgcolor: 'grey.800', color: 'common.white', fontSize: 13, borderRadius: 1, px: 1, py: 0.5, boxShadow: 2, pointerEvents: 'none' },
        }}
      >
        {rowCount === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
            Aucune ligne ne correspond aux filtres.
          </Typography>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((v) => {
              const row = rows[v.index];
              if (row === undefined) return <PendingRow key={`en-attente-${v.index}`} start={v.start} />;
              const key = rowKey(row);
              return (
                <VirtualRow
                  key={key}
                  rowId={key}
                  row={row}
                  index={v.index}
                  start={v.start}
                  columns={columns}
                  template={template}
                  onRowOpen={onRowOpen}
                  onRowFocus={onRowFocus}
                  onRowBlur={onRowBlur}
                  describedBy={tip?.id === key ? tipId : undefined}
                />
              );
            })}
            {tip && (
              <div id={tipId} role="tooltip" className="vt-tip" style={{ top: tip.top }}>
                {tip.lines.map((l) => (
                  <div key={l.header}>
                    {l.header} : {l.text}
                  </div>
                ))}
              </div>
            )}
          </div>
        )}
      </Box>
    </Box>
  );
}

/** True when a cell (or a chip in it) is cut short by its width. */
function isCut(cell: HTMLElement): boolean {
  if (cell.scrollWidth > cell.clientWidth + 1) return true;
  return [...cell.querySelectorAll<HTMLElement>('*')].some((e) => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1);
}

/** Hover: a cut cell gets its full text as a title (set when the pointer enters, so rows cost nothing before). */
function titleIfCut(e: { currentTarget: HTMLElement }) {
  const cell = e.currentTarget;
  if (isCut(cell)) cell.title = cell.textContent ?? '';
  else cell.removeAttribute('title');
}

interface VirtualRowProps<R> {
  rowId: string;
  onRowFocus: (el: HTMLElement, start: number) => void;
  onRowBlur: () => void;
  describedBy?: string;
  row: R;
  index: number;
  start: number;
  columns: readonly VirtualColumn<R>[];
  template: string;
  onRowOpen?: (row: R) => void;
}

/**
 * One row, memoised: while scrolling only the rows entering the view render; the others just keep their
 * element (their props are unchanged as long as the parent passes stable `columns` and `onRowOpen`).
 */
const VirtualRow = memo(function VirtualRow<R>({ rowId, row, index, start, columns, template, onRowOpen, onRowFocus, onRowBlur, describedBy }: VirtualRowProps<R>) {
  return (
    <div
      role="row"
      className="vt-row"
      data-key={rowId}
      aria-rowindex={index + 2}
      aria-describedby={describedBy}
      tabIndex={onRowOpen ? 0 : undefined}
      onFocus={(e) => e.target === e.currentTarget && onRowFocus(e.currentTarget, start)}
      onBlur={onRowBlur}
      onClick={onRowOpen ? () => onRowOpen(row) : undefined}
      onKeyDown={(e) => {
        if (onRowOpen && e.key === 'Enter') onRowOpen(row);
        if (e.key === 'ArrowDown') (e.currentTarget.nextElementSibling as HTMLElement | null)?.focus();
        if (e.key === 'ArrowUp') (e.currentTarget.previousElementSibling as HTMLElement | null)?.focus();
      }}
      style={{ transform: `translateY(${start}px)`, gridTemplateColumns: template }}
    >
      {columns.map((c) => (
        <div key={c.id} role="cell" className="vt-cell" onMouseEnter={titleIfCut}>
          {c.render(row)}
        </div>
      ))}
    </div>
  );
}) as <R>(props: VirtualRowProps<R>) => ReactNode;

/** A row of a paged list not read yet (it is, a moment later): no row index, so it is not counted as shown. */
function PendingRow({ start }: { start: number }) {
  return (
    <div role="row" className="vt-row" aria-busy="true" style={{ transform: `translateY(${start}px)` }}>
      <div role="cell" className="vt-cell" style={{ color: 'GrayText' }}>
        Chargement…
      </div>
    </div>
  );
}

/** Stable comparison for sorting French text (accents, case) and optional values (blanks last). */
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
export function compareValues(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  if (a === undefined || a === '') return 1;
  if (b === undefined || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}
