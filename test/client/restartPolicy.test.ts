/** The client's restart policy: connection errors never stop it; exits restart the server up to 4 times in 3 minutes. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { MAX_RESTARTS, RESTART_WINDOW_MS, RestartPolicy } from '../../client/src/restartPolicy';

test('restart policy: a burst of write errors (a server killed with requests in flight) never stops the client', () => {
  const policy = new RestartPolicy();
  for (let i = 0; i < 20; i++) assert.equal(policy.onError(), 'continue');
  assert.equal(policy.onClosed(0), 'restart');
});

test('restart policy: restarts up to MAX_RESTARTS exits in the window, then stops; exits older than the window are forgotten', () => {
  const policy = new RestartPolicy();
  for (let i = 0; i < MAX_RESTARTS; i++) assert.equal(policy.onClosed(i * 1000), 'restart');
  assert.equal(policy.onClosed(MAX_RESTARTS * 1000), 'stop');
  const later = new RestartPolicy();
  for (let i = 0; i < MAX_RESTARTS; i++) later.onClosed(i * 1000);
  assert.equal(later.onClosed(RESTART_WINDOW_MS + 5000), 'restart', 'the first exits have left the window');
});
