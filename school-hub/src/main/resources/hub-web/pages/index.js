// Every page of the school hub, in menu order. A page appears for a user when the route it `needs`
// is one their role may call (the server still decides every call). The users page is the box
// console's own (its file is served from the console's shell).
import classrooms from './classrooms.js';
import incidents from './hub-incidents.js';
import alerts from './hub-alerts.js';
import changeLogs from './change-logs.js';
import termly from './termly.js';
import boxes from './boxes.js';
import users from './users.js';

export const PAGES = [classrooms, incidents, alerts, changeLogs, termly, boxes, users];
