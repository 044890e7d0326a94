import { useLiveQuery } from 'dexie-react-hooks';
import { Autocomplete, Box, TextField } from '@mui/material';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { useServices } from '../../app/services';
import { href, navigate, useRoute } from '../../app/router';
import { liveRows } from '../../db/store';
import { PartnerFormsTab } from './PartnerFormsTab';
import { RenderRoute } from './RenderRoute';
// Pickers find « saint paul » for Saint-Paul: the lists' one text rule.
import { filterByName } from '../../../shared/search/match';

/**
 * Route Formulaires: choose a partner, then the same flow as the partner's Formulaires tab.
 * `#/formulaires/<partnerId>` keeps the choice across reloads; `#/formulaires/rendu` is the print-only page.
 */
export function FormsPage() {
  const route = useRoute();
  const { db } = useServices();
  const partners = useLiveQuery(async () => (await liveRows(db, 'partners')).sort((a, b) => a.name.localeCompare(b.name, 'fr')), [db]);
  const selectedId = route.params[0];
  if (selectedId === 'rendu') return <RenderRoute />;
  const selected = partners?.find((p) => p.id === selectedId) ?? null;
  return (
    <>
      <PageHeader title="Formulaires" subtitle="Formulaires types remplis depuis les fiches : aperçu, impression, PDF, historique." />
      {partners === undefined ? null : partners.length === 0 ? (
        <EmptyState title="Aucun partenaire">
          Les formulaires se remplissent à partir des fiches des partenaires. Créez d'abord un partenaire (menu Partenaires) ou importez des données
          (menu Synchronisation).
        </EmptyState>
      ) : (
        <>
          <Box sx={{ maxWidth: 520, mb: 3 }}>
            <Autocomplete
              options={partners}
              value={selected}
              getOptionLabel={(p) => p.name}
              filterOptions={filterByName}
              isOptionEqualToValue={(a, b) => a.id === b.id}
              onChange={(_, p) => (p ? navigate('formulaires', p.id) : (window.location.hash = href('formulaires')))}
              renderInput={(params) => <TextField {...params} label="Partenaire" placeholder="Choisissez le partenaire concerné" />}
              noOptionsText="Aucun partenaire ne correspond"
            />
          </Box>
          {selected ? (
            <PartnerFormsTab partnerId={selected.id} />
          ) : selectedId ? (
            <EmptyState title="Partenaire introuvable">Ce partenaire n'existe plus. Choisissez-en un autre dans la liste.</EmptyState>
          ) : (
            <EmptyState title="Choisissez un partenaire">Les formulaires sont remplis avec les données du partenaire choisi, de sa convention et de sa Caf.</EmptyState>
          )}
        </>
      )}
    </>
  );
}
