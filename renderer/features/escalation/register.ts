// App-wide pieces of the escalation feature: the overdue count in the window title, refreshed every minute.
import { registerExtension } from '../../app/extensions';
import { OverdueWindowTitle } from './OverdueWindowTitle';

registerExtension('global', OverdueWindowTitle);
