import { createTheme } from '@mui/material/styles';
import { frFR } from '@mui/material/locale';

/** Calm administrative look: Caf blue, dense tables, readable type. */
export const theme = createTheme(
  {
    palette: {
      primary: { main: '#1d4f91' },
      // Darker than MUI's defaults so text in these colours reaches 4.5:1 on white and on the page grey (RGAA 3.2).
      secondary: { main: '#00756b' },
      warning: { main: '#a84b00' },
      info: { main: '#01669b' },
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
