// Glossary words: tap, click, Enter or Space shows the word's definition under it.
//
// guide/terms.py makes the first use of each glossary word a link to its entry
// on the Glossary page, with the definition in data-sg-definition: without this
// script the link still takes the reader to the definition. This script turns
// each link into a button (aria-expanded) followed by the definition, hidden
// until the button is pressed; the glossary link moves inside the definition.
// Escape closes open definitions. An external file, not an inline script, so
// the Content-Security-Policy needs no exception for it.
(function () {
  "use strict";

  function setOpen(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    document.getElementById(button.getAttribute("aria-controls")).hidden = !open;
  }

  function enhance(link, number) {
    var id = "sg-term-" + number;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sg-term";
    button.textContent = link.textContent;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", id);

    var definition = document.createElement("span");
    definition.className = "sg-term__definition";
    definition.id = id;
    definition.hidden = true;
    definition.appendChild(document.createTextNode(link.getAttribute("data-sg-definition") + " "));
    var more = document.createElement("a");
    more.href = link.getAttribute("href");
    more.textContent = "“" + link.textContent + "” in the glossary";
    definition.appendChild(more);

    link.replaceWith(button, definition);
  }

  var links = document.querySelectorAll("article a.sg-term[data-sg-definition]");
  for (var i = 0; i < links.length; i++) {
    enhance(links[i], i + 1);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.sg-term");
    if (button) {
      setOpen(button, button.getAttribute("aria-expanded") !== "true");
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var open = document.querySelectorAll('button.sg-term[aria-expanded="true"]');
    for (var j = 0; j < open.length; j++) {
      var definition = document.getElementById(open[j].getAttribute("aria-controls"));
      // Focus inside a definition that is closing goes back to its word.
      if (definition.contains(document.activeElement)) {
        open[j].focus();
      }
      setOpen(open[j], false);
    }
  });
})();
