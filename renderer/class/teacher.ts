// The teacher screen served by the class server (/teacher#TOKEN): the token stays in the fragment (never sent over
// HTTP) and is removed from the address bar once read.
import { mount } from 'svelte';
import '../styles/app.css';
import TeacherScreen from '../components/class/TeacherScreen.svelte';
import { socketUrlOf } from '../lib/class/ClassSocket';

const target = document.getElementById('app');
if (!target) throw new Error('Parley: #app element missing');
const key = 'parley.class.teacher';
const fromHash = location.hash.replace(/^#/, '');
let token = fromHash;
try {
  if (fromHash) sessionStorage.setItem(key, fromHash);
  else token = sessionStorage.getItem(key) ?? '';
} catch {
  // storage refused: the token lives in this page only
}
if (fromHash) history.replaceState(null, '', location.pathname);
mount(TeacherScreen, { target, props: { serverUrl: socketUrlOf(location), token } });
