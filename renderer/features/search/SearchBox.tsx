/**
 * The toolbar search box (Ctrl+F): one query across partners, contacts, habilitations and Cafs, results grouped,
 * arrows + Enter to open a record, Escape to close. Implements the ARIA combobox pattern so screen readers
 * announce the highlighted result.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Box, InputBase } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import { useServices } from '../../app/services';
import { href, navigate } from '../../app/router';
import { Lazy, lazyNamed } from '../../app/lazy';
import type { SearchHit } from '../../../shared/search/searchIndex';
import { searchKinds } from '../../../shared/search/kinds';
import { useDerivedSearch } from '../../derived/client';
import { useLive } from '../../app/live';
import { liveRows } from '../../db/rows';
import { cafHits, type CafHit } from '../../../shared/search/match';

// The results popup (MUI Popper and its positioning engine) is fetched the first time it opens.
const SearchPopup = lazyNamed(() => import('./SearchPopup'), 'SearchPopup');
const PER_GROUP = 8;

/** Where a result leads: the Caf's screen, or the partner page on the tab that shows the record. */
export function openHit(hit: SearchHit | CafHit): void {
  if (hit.kind === 'caf') navigate('cafs', hit.id);
  else if (hit.kind === 'partner') navigate('partenaires', hit.partnerId);
  else if (hit.kind === 'contact') {
    if (hit.partnerId) navigate('partenaires', hit.partnerId, 'interlocuteurs');
    else navigate('interlocuteurs');
  } else {
    // The access is named in the query: the tab shows it even when removed (hidden by default) and highlights it.
    window.location.hash = `${href('partenaires', hit.partnerId, 'habilitations')}?acces=${encodeURIComponent(hit.id)}`;
  }
}

export function SearchBox() {
  // Shown on the first paint, before the base and the Store are loaded: it needs only the base's name and id.
  const { dbName, platform, replicaId } = useServices();
  const inputRef = useRef<HTMLInputElement | null>(null);
  const anchorRef = useRef<HTMLDivElement | null>(null);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [wanted, setWanted] = useState(false);
  // The index lives in the derived-state worker (renderer/derived): queries go there, the page never holds it.
  const { result, ready } = useDerivedSearch(dbName, replicaId, wanted, query, PER_GROUP);

  // Load the index once the first screen has shown its data (readiness marker), so the first search is
  // instant without competing with start-up: reading every record takes seconds on a large base.
  useEffect(() => {
    const started = Date.now();
    const t = window.setInterval(() => {
      if (document.body.dataset.ready === 'true' || Date.now() - started > 15_000) {
        window.clearInterval(t);
        window.setTimeout(() => setWanted(true), 1000);
      }
    }, 300);
    return () => window.clearInterval(t);
  }, []);

  useEffect(
    () =>
      platform.onMenuCommand((command) => {
        if (command !== 'rechercher') return;
        setWanted(true);
        inputRef.current?.focus();
        inputRef.current?.select();
      }),
    [platform],
  );

  // The Cafs (a handful of rows) are matched here with the lists' rule; the worker's index holds the rest.
  const cafs = useLive(async (db) => (wanted ? liveRows(db, 'cafs') : []), [wanted]);
  const cafResults = useMemo(() => cafHits(cafs ?? [], query, PER_GROUP), [cafs, query]);
  const flat = useMemo<(SearchHit | CafHit)[]>(() => [...cafResults, ...(result ? searchKinds.flatMap((k) => result.groups[k]) : [])], [cafResults, result]);
  const activeIndex = Math.min(active, Math.max(0, flat.length - 1));

  const close = () => {
    setOpen(false);
    setActive(0);
  };
  const choose = (hit: SearchHit | CafHit | undefined) => {
    if (!hit) return;
    openHit(hit);
    close();
    setQuery('');
    inputRef.current?.blur();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive(flat.length ? (activeIndex + 1) % flat.length : 0);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(flat.length ? (activeIndex - 1 + flat.length) % flat.length : 0);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(flat[activeIndex]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (open && query) close();
      else {
        close();
        inputRef.current?.blur();
      }
    }
  };

  const showPopup = open && query.trim() !== '';
  const optionId = (i: number) => `recherche-resultat-${i}`;

  return (
    <Box ref={anchorRef} sx={{ position: 'relative', width: { xs: 220, md: 360 } }}>
      {/* Focus shows as a white outline: a lighter fill would take the white text under 4.5:1 (RGAA 3.2). */}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 1, borderRadius: 1, bgcolor: 'rgba(255,255,255,0.15)', '&:focus-within': { outline: '2px solid #fff' } }}>
        <SearchIcon fontSize="small" aria-hidden />
        <InputBase
          inputRef={inputRef}
          value={query}
          placeholder="Rechercher (Ctrl+F)"
          sx={{ color: 'inherit', flex: 1, fontSize: 14 }}
          onFocus={() => {
            setWanted(true);
            setOpen(true);
          }}
          onBlur={() => window.setTimeout(close, 150)}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          inputProps={{
            role: 'combobox',
            'aria-label': 'Rechercher un partenaire, un interlocuteur, une habilitation ou une Caf',
            'aria-expanded': showPopup,
            'aria-controls': 'recherche-resultats',
            'aria-autocomplete': 'list',
            ...(showPopup && flat.length ? { 'aria-activedescendant': optionId(activeIndex) } : {}),
          }}
        />
      </Box>
      {showPopup && (
        <Lazy fallback={null}>
          <SearchPopup anchor={anchorRef.current} ready={ready} query={query} result={result} cafs={cafResults} activeIndex={activeIndex} optionId={optionId} onChoose={choose} />
        </Lazy>
      )}
    </Box>
  );
}
