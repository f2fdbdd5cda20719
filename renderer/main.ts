import { mount } from 'svelte';
import './styles/app.css';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('Parley: #app element missing from index.html');
performance.mark('parley:mount-start');
mount(App, { target });
