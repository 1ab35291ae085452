/* Behaviour that used to sit in inline handlers (the Content-Security-Policy allows scripts from 'self' only).
   - <form data-confirm="…">: asks before submitting; "{submitter}" is replaced by the pressed button's text.
     A submit button's own data-confirm asks for that button only (and wins over the form's).
   - <button data-action="back">, <button data-action="print">: history.back(), window.print(). */
document.addEventListener("submit", function (event) {
  var form = event.target;
  var button = event.submitter;
  var message = button && button.dataset && button.dataset.confirm ? button.dataset.confirm
    : (form.dataset ? form.dataset.confirm : null);
  if (!message) return;
  var submitter = event.submitter ? event.submitter.textContent.trim() : "";
  if (!window.confirm(message.replace("{submitter}", submitter))) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);

document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-action]");
  if (!button) return;
  if (button.dataset.action === "back") history.back();
  if (button.dataset.action === "print") window.print();
});
