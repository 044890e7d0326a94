// The Caf identity typed in Paramètres before settings version 2 becomes a Caf record on the first start.
import { registerExtension } from '../../app/extensions';
import { OfficeCafAdoption } from './officeCaf';

registerExtension('global', OfficeCafAdoption);
