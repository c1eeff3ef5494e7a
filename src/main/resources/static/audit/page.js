// What the runbook's own pages (the auditors' and the helpdesk's) share: the signed-in user's credentials, kept in
// this page's memory only and sent as HTTP basic; requests that never use the browser's cookies or cache; refusals
// shown as the server's sentence; and every value rendered with textContent, never as markup, because tenant data is
// attacker-controlled.
'use strict';

const session = { authorization: null };

const $ = (id) => document.getElementById(id);

function text(value) {
  return (value === null || value === undefined) ? '' : String(value);
}

function signInAs(user, password) {
  session.authorization = 'Basic ' + btoa(unescape(encodeURIComponent(user + ':' + password)));
}

function forgetSignIn() {
  session.authorization = null;
}

async function request(method, path, body, accept) {
  const headers = {
    'Authorization': session.authorization,
    'Accept': accept || 'application/json',
    // Tells the server not to ask the browser for a password of its own on a 401.
    'X-Requested-With': 'XMLHttpRequest'
  };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  return fetch(path, {
    method: method,
    headers: headers,
    body: (body !== undefined) ? JSON.stringify(body) : undefined,
    credentials: 'omit',
    cache: 'no-store'
  });
}

// The sentence for a refused request: the server's own words where it gave them.
async function problem(response, forbidden) {
  if (response.status === 401) {
    return 'Wrong user name or password.';
  }
  if (response.status === 403 && forbidden) {
    return forbidden;
  }
  try {
    const answer = await response.json();
    return text(answer.error) || ('The server answered ' + response.status + '.');
  } catch (e) {
    return 'The server answered ' + response.status + '.';
  }
}

function cell(row, value, className) {
  const td = document.createElement('td');
  td.textContent = text(value);
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
  return td;
}
