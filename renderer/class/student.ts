// The student page served by the class server (/join#CODE): the join code comes from the URL's fragment.
import { mount } from 'svelte';
import '../styles/app.css';
import StudentPage from '../components/class/StudentPage.svelte';
import { StudentClient } from '../lib/class/StudentClient.svelte';
import { socketUrlOf } from '../lib/class/ClassSocket';
import { cryptoRandom, pseudonym } from '../lib/class/pseudonym';

const target = document.getElementById('app');
if (!target) throw new Error('Parley: #app element missing');
const code = decodeURIComponent(location.hash.replace(/^#/, '')).slice(0, 16);
const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null; // storage refused (some private modes): the identity lasts as long as the page
  }
};
const store = storage();
const client = new StudentClient(socketUrlOf(location), code, pseudonym(cryptoRandom), store);
mount(StudentPage, { target, props: { client, newName: () => pseudonym(cryptoRandom) } });
