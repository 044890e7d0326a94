import type { ReactNode } from 'react';
import { ThemeProvider } from '@mui/material/styles';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDateFns } from '@mui/x-date-pickers/AdapterDateFns';
import { fr } from 'date-fns/locale';
import { theme } from './theme';
import { ServicesProvider, type Services } from './services';
import { PlatformProvider } from '../platform';

/** Theme, French dates, platform and services: what every screen needs around it (the app, and bench mounts). */
export function AppProviders({ services, children }: { services: Services; children: ReactNode }) {
  return (
    <ThemeProvider theme={theme}>
      <LocalizationProvider dateAdapter={AdapterDateFns} adapterLocale={fr}>
        <PlatformProvider platform={services.platform}>
          <ServicesProvider services={services}>{children}</ServicesProvider>
        </PlatformProvider>
      </LocalizationProvider>
    </ThemeProvider>
  );
}
