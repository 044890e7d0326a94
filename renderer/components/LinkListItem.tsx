import { ListItem, ListItemButton, type SxProps, type Theme } from '@mui/material';
import type { ReactNode } from 'react';

/**
 * One link row of a list. The `<a>` sits inside an `<li>`: a bare ListItemButton-as-link directly in a `<ul>`
 * breaks the list for screen readers (axe « list », RGAA 9.3).
 */
export function LinkListItem({ href, selected, sx, children }: { href: string; selected?: boolean; sx?: SxProps<Theme>; children: ReactNode }) {
  return (
    <ListItem disablePadding>
      <ListItemButton component="a" href={href} selected={selected} sx={sx}>
        {children}
      </ListItemButton>
    </ListItem>
  );
}
