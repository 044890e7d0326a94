import { useState } from 'react';
import { Alert } from '@mui/material';
import type { IssuedForm } from '../../../shared/domain';
import { IssuedForms } from './IssuedForms';
import { NewForm } from './NewForm';
import { useFormSources } from './useFormSources';

/** A partner's Formulaires tab (also the body of the Formulaires page once a partner is chosen). */
export function PartnerFormsTab({ partnerId }: { partnerId: string }) {
  const sources = useFormSources(partnerId);
  const [reprint, setReprint] = useState<IssuedForm | null>(null);
  if (sources === undefined) return null;
  if (sources === null) return <Alert severity="warning">Ce partenaire n'existe plus.</Alert>;
  return (
    <>
      {/* Keyed by partner: choices never leak from one partner to another. Only one preview owns printing. */}
      <NewForm key={partnerId} sources={sources} active={reprint === null} />
      <IssuedForms partnerId={partnerId} reprint={reprint} onReprint={setReprint} />
    </>
  );
}
