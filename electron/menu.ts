/**
 * The French application menu. Commands go to the renderer on MENU_CHANNEL; the renderer decides what each
 * does (open the new-partner form, focus search…). Accelerators use CmdOrCtrl so a Mac build would also work.
 */
import type { Menu, MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/ipc/contract';

export interface MenuOptions {
  isMac: boolean;
  /** Developer tools entry, only for unpackaged runs. */
  isDev: boolean;
  about: () => void;
}

export function menuTemplate(send: (command: MenuCommand) => void, options: MenuOptions): MenuItemConstructorOptions[] {
  const cmd = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(command),
  });
  // A menu item carries one accelerator: the other keys of each zoom command are hidden items (their
  // accelerators still work). AZERTY has no unshifted « + »: Ctrl+= is the key users press; the numeric
  // keypad's + − 0 are the other usual ones. Keep them: removing the "duplicates" brings the bug back.
  const hidden = (role: 'zoomIn' | 'zoomOut' | 'resetZoom', label: string, accelerator: string): MenuItemConstructorOptions => ({ role, label, accelerator, visible: false });
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: 'Taille réelle', accelerator: 'CmdOrCtrl+0' },
    hidden('resetZoom', 'Taille réelle', 'CmdOrCtrl+num0'),
    { role: 'zoomIn', label: 'Zoom avant', accelerator: 'CmdOrCtrl+Plus' },
    hidden('zoomIn', 'Zoom avant', 'CmdOrCtrl+='),
    hidden('zoomIn', 'Zoom avant', 'CmdOrCtrl+numadd'),
    { role: 'zoomOut', label: 'Zoom arrière', accelerator: 'CmdOrCtrl+-' },
    hidden('zoomOut', 'Zoom arrière', 'CmdOrCtrl+numsub'),
    { type: 'separator' },
    { role: 'togglefullscreen', label: 'Plein écran' },
  ];
  if (options.isDev) view.push({ type: 'separator' }, { role: 'reload', label: 'Recharger' }, { role: 'toggleDevTools', label: 'Outils de développement' });
  return [
    {
      label: 'Fichier',
      submenu: [
        cmd('Nouveau partenaire', 'nouveau-partenaire', 'CmdOrCtrl+N'),
        { type: 'separator' },
        cmd('Importer…', 'importer', 'CmdOrCtrl+I'),
        cmd('Importer un tableur…', 'importer-tableur'),
        cmd('Exporter…', 'exporter', 'CmdOrCtrl+E'),
        { type: 'separator' },
        cmd('Imprimer…', 'imprimer', 'CmdOrCtrl+P'),
        { type: 'separator' },
        cmd('Paramètres…', 'parametres', 'CmdOrCtrl+,'),
        { type: 'separator' },
        { role: 'quit', label: 'Quitter', accelerator: options.isMac ? 'Cmd+Q' : 'Ctrl+Q' },
      ],
    },
    {
      label: 'Édition',
      submenu: [
        { role: 'undo', label: 'Annuler' },
        { role: 'redo', label: 'Rétablir' },
        { type: 'separator' },
        { role: 'cut', label: 'Couper' },
        { role: 'copy', label: 'Copier' },
        { role: 'paste', label: 'Coller' },
        { role: 'selectAll', label: 'Tout sélectionner' },
        { type: 'separator' },
        cmd('Rechercher', 'rechercher', 'CmdOrCtrl+F'),
      ],
    },
    { label: 'Affichage', submenu: view },
    { label: 'Synchronisation', submenu: [cmd('Synchroniser…', 'synchroniser', 'CmdOrCtrl+Shift+S')] },
    { label: 'Aide', submenu: [{ label: 'À propos de Partenaires MCP', click: () => options.about() }] },
  ];
}

export function buildMenu(MenuApi: Pick<typeof Menu, 'buildFromTemplate'>, send: (command: MenuCommand) => void, options: MenuOptions): Menu {
  return MenuApi.buildFromTemplate(menuTemplate(send, options));
}
