// Each feature that mounts app-wide pieces (toolbar search box, title badge, open-file handler) registers them
// in its own register.ts; importing them here, before the first render, is all App.tsx needs.
import './search/register';
import './escalation/register';
import './sync/register';
import './dashboard/register';
import './cafs/register';
