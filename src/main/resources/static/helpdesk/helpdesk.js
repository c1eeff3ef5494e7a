// The helpdesk's page: lists the contained users waiting for a way back in and issues a Temporary Access Pass after a
// call-back, as the signed-in user (page.js: credentials in memory only, values rendered as text). The pass exists
// only in this page's memory: reloading or pressing "I have read it" forgets it, and the server keeps it nowhere.
'use strict';

async function api(method, path, body) {
  return request(method, path, body);
}

async function signIn(event) {
  event.preventDefault();
  const user = $('user').value.trim();
  signInAs(user, $('password').value);
  $('password').value = '';
  const response = await api('GET', '/api/helpdesk/tasks');
  if (!response.ok) {
    forgetSignIn();
    $('signInError').textContent = await problem(response);
    return;
  }
  $('signInError').textContent = '';
  $('who').textContent = 'Signed in as ' + user;
  $('signOut').hidden = false;
  $('signIn').hidden = true;
  $('list').hidden = false;
  render((await response.json()).tasks);
}

function signOut() {
  forgetSignIn();
  forgetPass();
  $('who').textContent = '';
  $('signOut').hidden = true;
  $('list').hidden = true;
  $('signIn').hidden = false;
}

async function load() {
  const response = await api('GET', '/api/helpdesk/tasks');
  if (!response.ok) {
    $('listError').textContent = await problem(response);
    return;
  }
  $('listError').textContent = '';
  render((await response.json()).tasks);
}

function render(tasks) {
  const body = $('waiting').querySelector('tbody');
  body.replaceChildren();
  $('empty').hidden = tasks.length > 0;
  for (const task of tasks) {
    const row = document.createElement('tr');
    row.dataset.taskId = task.taskId;
    cell(row, task.user);
    cell(row, task.mailbox);
    cell(row, task.signInOptions);
    cell(row, task.due);
    const numbers = document.createElement('select');
    numbers.className = 'calledNumber';
    for (const number of task.callBackNumbers) {
      const option = document.createElement('option');
      option.value = number;
      option.textContent = number;
      numbers.appendChild(option);
    }
    cell(row, '').appendChild(numbers);
    const confirmed = document.createElement('input');
    confirmed.type = 'checkbox';
    confirmed.className = 'identityConfirmed';
    confirmed.setAttribute('aria-label', 'I called back on this number and the caller proved who they are');
    cell(row, '').appendChild(confirmed);
    const issue = document.createElement('button');
    issue.type = 'button';
    issue.className = 'issuePass';
    issue.textContent = 'Issue a Temporary Access Pass';
    issue.disabled = task.callBackNumbers.length === 0;
    issue.addEventListener('click', () => issuePass(task.taskId, numbers.value, confirmed.checked));
    cell(row, '').appendChild(issue);
    body.appendChild(row);
  }
}

async function issuePass(taskId, calledNumber, identityConfirmed) {
  const response = await api('POST', '/api/helpdesk/tasks/' + encodeURIComponent(taskId) + '/temporary-access-pass',
    { calledNumber: calledNumber, identityConfirmed: identityConfirmed });
  if (!response.ok) {
    $('listError').textContent = await problem(response);
    return;
  }
  const pass = await response.json();
  $('passUser').textContent = text(pass.user) + ' (' + text(pass.mailbox) + ')';
  $('passValue').textContent = text(pass.temporaryAccessPass);
  $('passFacts').textContent = 'Valid from ' + text(pass.validFrom) + ' for ' + text(pass.lifetimeInMinutes)
    + ' minutes' + (pass.usableOnce ? ', for one sign-in.' : '.');
  $('passNotice').textContent = text(pass.notice);
  $('pass').hidden = false;
  await load();
}

function forgetPass() {
  $('passValue').textContent = '';
  $('passUser').textContent = '';
  $('pass').hidden = true;
}

$('signInForm').addEventListener('submit', signIn);
$('signOut').addEventListener('click', signOut);
$('passDone').addEventListener('click', forgetPass);
