import type { ReactNode } from 'react';
import { ThemeProvider } from '@mui/material/styles';
import { theme } from './theme';
import { ServicesProvider, type Services, type StartServices } from './services';
import { PlatformProvider } from '../platform';

/**
 * Theme, platform and services: what every screen needs around it (the app, and bench mounts). No MUI X date
 * picker is used (dates are typed, see DateField), so its LocalizationProvider and date adapter stay out of the
 * start-up code; a screen that adds a picker wraps itself in one.
 */
export function AppProviders({ services, children }: { services: Services | StartServices; children: ReactNode }) {
  return (
    <ThemeProvider theme={theme}>
      <PlatformProvider platform={services.platform}>
        <ServicesProvider services={services}>{children}</ServicesProvider>
      </PlatformProvider>
    </ThemeProvider>
  );
}
