// Starts the widget and mounts every element with data-throughline-program on the page.
import init from './throughline.js';
init();
