/** The search box's results popup: groups of hits, the highlighted one announced (ARIA listbox). */
import { List, ListItemButton, ListItemText, ListSubheader, Paper, Popper, Typography } from '@mui/material';
import { searchKinds, type SearchHit, type SearchKind, type SearchResult } from '../../../shared/search/searchIndex';
import type { CafHit } from '../../../shared/search/match';

const groupLabels: Record<SearchKind, string> = { partner: 'Partenaires', contact: 'Interlocuteurs', habilitation: 'Habilitations' };

export function SearchPopup({
  anchor,
  ready,
  query,
  result,
  cafs,
  activeIndex,
  optionId,
  onChoose,
}: {
  anchor: HTMLElement | null;
  ready: boolean;
  query: string;
  result: SearchResult | null;
  /** Cafs found (shown first: the SearchBox puts them first in its keyboard order too). */
  cafs: readonly CafHit[];
  activeIndex: number;
  optionId: (i: number) => string;
  onChoose: (hit: SearchHit | CafHit) => void;
}) {
  const empty = { groups: { partner: [], contact: [], habilitation: [] }, truncated: { partner: false, contact: false, habilitation: false } };
  const shown = result ?? empty;
  const groups: { key: string; label: string; hits: readonly (SearchHit | CafHit)[]; truncated: boolean }[] = [
    { key: 'caf', label: 'Caf', hits: cafs, truncated: false },
    ...searchKinds.map((k) => ({ key: k, label: groupLabels[k], hits: shown.groups[k], truncated: shown.truncated[k] })),
  ];
  const total = groups.reduce((n, g) => n + g.hits.length, 0);
  let counter = 0;
  return (
    <Popper open anchorEl={anchor} placement="bottom-end" sx={{ zIndex: (t) => t.zIndex.modal }}>
      <Paper elevation={8} sx={{ width: 460, maxHeight: '70vh', overflow: 'auto', mt: 0.5 }}>
        {!ready && cafs.length === 0 ? (
          <Typography sx={{ p: 2 }} variant="body2">
            Préparation de la recherche…
          </Typography>
        ) : total === 0 ? (
          <Typography sx={{ p: 2 }} variant="body2" data-testid="recherche-vide">
            Aucun résultat pour « {query.trim()} ». Essayez le début d'un mot : nom, ville, SIRET, n° de convention, mél ou téléphone.
          </Typography>
        ) : (
          <List dense id="recherche-resultats" role="listbox" aria-label="Résultats de la recherche" disablePadding>
            {groups.map(({ key, label, hits, truncated }) => {
              if (hits.length === 0) return null;
              return (
                <li key={key} role="presentation">
                  <ul role="group" aria-label={label} style={{ padding: 0 }}>
                    <ListSubheader role="presentation" sx={{ lineHeight: '32px' }}>
                      {label}
                      {truncated ? ' (premiers résultats)' : ` (${hits.length})`}
                    </ListSubheader>
                    {hits.map((hit) => {
                      const i = counter++;
                      return (
                        <ListItemButton
                          key={`${hit.kind}-${hit.id}`}
                          id={optionId(i)}
                          role="option"
                          aria-selected={i === activeIndex}
                          selected={i === activeIndex}
                          onMouseDown={(e) => e.preventDefault()}
                          onClick={() => onChoose(hit)}
                        >
                          <ListItemText primary={hit.title || '(sans nom)'} secondary={hit.subtitle} />
                        </ListItemButton>
                      );
                    })}
                  </ul>
                </li>
              );
            })}
          </List>
        )}
      </Paper>
    </Popper>
  );
}
