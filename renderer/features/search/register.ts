// App-wide pieces of the search feature: the search box in the toolbar (Ctrl+F).
import { registerExtension } from '../../app/extensions';
import { SearchBox } from './SearchBox';

registerExtension('toolbar', SearchBox);
