import { createTheme } from '@mui/material/styles';
import { frFR } from '@mui/material/locale';

/** Calm administrative look: Caf blue, dense tables, readable type. */
export const theme = createTheme(
  {
    palette: {
      primary: { main: '#1d4f91' },
      secondary: { main: '#00857a' },
      background: { default: '#f4f6f9' },
    },
    typography: { fontFamily: '"Segoe UI", "DejaVu Sans", Roboto, Arial, sans-serif', fontSize: 14 },
    components: {
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiTextField: { defaultProps: { size: 'small' } },
      MuiTable: { defaultProps: { size: 'small' } },
    },
  },
  frFR,
);
