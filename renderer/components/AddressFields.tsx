/** The postal address block of a form dialog (partner, Caf): four fields on the dialog's Grid, one layout. */
import { Grid, TextField } from '@mui/material';
import type { PostalAddress } from '../../shared/domain/common';

export function AddressFields({
  address,
  onChange,
  errorOf,
  required = false,
}: {
  address: PostalAddress;
  onChange: (patch: Partial<PostalAddress>) => void;
  /** The field's error message (fields named postalCode and city). */
  errorOf: (field: string) => string | undefined;
  /** Postal code and city required (a partner's, printed on every form). */
  required?: boolean;
}) {
  const errorProps = (field: 'postalCode' | 'city') => ({ error: !!errorOf(field), helperText: errorOf(field) });
  return (
    <>
      <Grid size={{ xs: 12, md: 8 }}>
        <TextField label="Adresse" fullWidth size="small" value={address.line1} onChange={(e) => onChange({ line1: e.target.value })} />
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <TextField label="Complément d'adresse" fullWidth size="small" value={address.line2} onChange={(e) => onChange({ line2: e.target.value })} />
      </Grid>
      <Grid size={{ xs: 4, md: 3 }}>
        <TextField label="Code postal" required={required} fullWidth size="small" value={address.postalCode} onChange={(e) => onChange({ postalCode: e.target.value })} {...errorProps('postalCode')} />
      </Grid>
      <Grid size={{ xs: 8, md: 5 }}>
        <TextField label="Commune" required={required} fullWidth size="small" value={address.city} onChange={(e) => onChange({ city: e.target.value })} {...errorProps('city')} />
      </Grid>
    </>
  );
}
