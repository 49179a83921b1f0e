// Copy buttons for the referral-letter sentences on the clinicians' page.
//
// The sentences are plain text in the page (<p class="sg-letter"> inside an
// element with data-sg-copy): without JavaScript a reader selects and copies
// them by hand. This file only adds a "Copy" button after each sentence, and a
// status line that screen readers announce. An external file, not an inline
// script, so the Content-Security-Policy needs no exception for it.
(function () {
  "use strict";

  function sentenceText(sentence) {
    return sentence.textContent.replace(/\s+/g, " ").trim();
  }

  function selectText(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return Promise.reject(new Error("no clipboard access"));
  }

  function addButton(sentence, number, status) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary sg-copy-button";
    button.textContent = "Copy";
    var hidden = document.createElement("span");
    hidden.className = "sg-visually-hidden";
    hidden.textContent = " sentence " + number;
    button.appendChild(hidden);
    button.addEventListener("click", function () {
      copy(sentenceText(sentence)).then(
        function () {
          status.textContent = "Sentence " + number + " copied. Paste it into your letter.";
        },
        function () {
          // No clipboard (an old browser, or not allowed): select it for Ctrl+C.
          selectText(sentence);
          status.textContent = "Sentence " + number + " selected. Press Ctrl+C (Cmd+C on a Mac) to copy it.";
        }
      );
    });
    sentence.insertAdjacentElement("afterend", button);
  }

  document.querySelectorAll("[data-sg-copy]").forEach(function (group) {
    var status = document.createElement("p");
    status.className = "sg-copy-status";
    status.setAttribute("role", "status");
    group.appendChild(status);
    group.querySelectorAll(".sg-letter").forEach(function (sentence, index) {
      addButton(sentence, index + 1, status);
    });
  });
})();
