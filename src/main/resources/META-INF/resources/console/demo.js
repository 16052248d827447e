// The demo setup only: "Post sample traffic" asks the service to post a batch of signed Tencent callbacks to its own
// /tencent/callback, then offers the sample abuser's account for a search.
document.addEventListener('DOMContentLoaded', () => {
  const button = document.getElementById('post-sample-traffic');
  const result = document.getElementById('sample-traffic-result');
  if (!button) {
    return;
  }
  button.addEventListener('click', async () => {
    button.disabled = true;
    result.textContent = 'Posting callbacks…';
    try {
      const response = await fetch('/api/demo/sample-traffic', {
        method: 'POST',
        headers: { 'Accept': 'application/json', 'X-Requested-With': 'fetch' },
        credentials: 'same-origin',
      });
      const body = await response.json();
      if (!response.ok) {
        throw new Error(body.error || `HTTP ${response.status}`);
      }
      result.textContent = `Posted ${body.callbacks} signed callbacks, ${body.acknowledged} acknowledged: `
        + `${body.abuserMessages} messages from the sample abuser ${body.abuser} (and ${body.abuserUndelivered} that `
        + `Tencent did not deliver), ${body.otherMessages} between other users, ${body.recalledBySender} recalled by `
        + `its sender. Search sender ${body.abuser} to recall the spam.`;
      const sender = document.getElementById('from');
      if (sender && !sender.value) {
        sender.value = body.abuser;
      }
    } catch (error) {
      result.textContent = `Sample traffic failed: ${error.message}`;
    } finally {
      button.disabled = false;
    }
  });
});
