/**
 * A table that renders only the visible rows (@tanstack/react-virtual), so 5,000 partners scroll smoothly.
 * ARIA table roles on divs: a real <table> cannot host absolutely positioned rows. Sorting is by header click
 * (or Enter/Space on the focused header); rows open with click or Enter.
 */
import { Box, Typography } from '@mui/material';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type ReactNode } from 'react';

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
  return (
    <Box role="table" aria-label={label} aria-rowcount={rowCount + 1} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.paper' }}>
      <Box role="rowgroup">
        <Box role="row" sx={{ display: 'grid', gridTemplateColumns: template, borderBottom: 1, borderColor: 'divider', bgcolor: 'grey.100' }}>
          {columns.map((c) => {
            const active = sort?.column === c.id;
            return (
              <Box
                key={c.id}
                role="columnheader"
                aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                tabIndex={c.sortable ? 0 : undefined}
                onClick={c.sortable ? () => toggle(c.id) : undefined}
                onKeyDown={(e) => {
                  if (c.sortable && (e.key === 'Enter' || e.key === ' ')) {
                    e.preventDefault();
                    toggle(c.id);
                  }
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
          '& .vt-cell': { px: 1, fontSize: 14, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
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
              return <VirtualRow key={rowKey(row)} row={row} index={v.index} start={v.start} columns={columns} template={template} onRowOpen={onRowOpen} />;
            })}
          </div>
        )}
      </Box>
    </Box>
  );
}

interface VirtualRowProps<R> {
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
const VirtualRow = memo(function VirtualRow<R>({ row, index, start, columns, template, onRowOpen }: VirtualRowProps<R>) {
  return (
    <div
      role="row"
      className="vt-row"
      aria-rowindex={index + 2}
      tabIndex={onRowOpen ? 0 : undefined}
      onClick={onRowOpen ? () => onRowOpen(row) : undefined}
      onKeyDown={(e) => {
        if (onRowOpen && e.key === 'Enter') onRowOpen(row);
        if (e.key === 'ArrowDown') (e.currentTarget.nextElementSibling as HTMLElement | null)?.focus();
        if (e.key === 'ArrowUp') (e.currentTarget.previousElementSibling as HTMLElement | null)?.focus();
      }}
      style={{ transform: `translateY(${start}px)`, gridTemplateColumns: template }}
    >
      {columns.map((c) => (
        <div key={c.id} role="cell" className="vt-cell">
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
