/*
 * "Where are you on the timeline?" (see guide/timeline.py).
 *
 * Finds the reader's stage of the natural-course study from a date or a number
 * of months. Everything it knows (the days each stage starts and ends, the
 * words, the sources) comes from the JSON that guide/timeline.py puts in the
 * tool's data-sg-timeline attribute at build time: no day and no sentence is
 * typed here.
 *
 * Languages: the words come in the page's language. English readers pick a
 * date (an <input type="date">); where the JSON names month_names (Spanish),
 * the date is a text field read day first ("15/03/2025", "15 de marzo de
 * 2025", "marzo 2025"), and the months box also takes the units and number
 * words the JSON lists ("3 semanas", "un año").
 *
 * Privacy: it reads two form fields and writes to the page, nothing else. No
 * cookies, no storage, no requests.
 *
 * Without JavaScript (or if this file is blocked) the tool stays hidden and the
 * static table beside it gives the same facts.
 */
(function () {
  "use strict";

  var DAY_MS = 24 * 60 * 60 * 1000;

  function start() {
    var tool = document.querySelector("[data-sg-timeline]");
    if (!tool) return;
    var info = JSON.parse(tool.getAttribute("data-sg-timeline"));
    var dateInput = document.getElementById("sg-tl-date");
    var monthsInput = document.getElementById("sg-tl-months");
    var result = document.getElementById("sg-tl-result");

    if (dateInput.type === "date") dateInput.max = isoDate(todayUtc()); // the date picker offers no future days
    document.getElementById("sg-tl-by-date").addEventListener("submit", function (event) {
      event.preventDefault();
      show(fromDate(dateInput, info), dateInput);
    });
    document.getElementById("sg-tl-by-months").addEventListener("submit", function (event) {
      event.preventDefault();
      show(fromMonths(monthsInput.value, info), monthsInput);
    });

    function show(answer, input) {
      [dateInput, monthsInput].forEach(clearError);
      // New nodes each time, so a screen reader announces a repeated answer again.
      result.replaceChildren.apply(result, answer.error ? errorNodes(info.messages[answer.error], input) : resultNodes(answer, info));
      if (!answer.error) markFigure(answer.day, info);
    }

    tool.hidden = false;
    // With the tool working, the table of every stage can fold away; without
    // JavaScript it stays open (it is rendered open).
    var table = document.getElementById(tool.id + "-table");
    if (table) table.open = false;
  }

  // --- reading the form ----------------------------------------------------------------

  /**
   * The answer for a date field: {day, via: "date" or "month", date, latestDay} or {error}.
   * latestDay: the fewest days it can have been (a month without its day may have begun on its last day).
   */
  function fromDate(input, info) {
    // A half-typed or impossible date (30 February) leaves an empty value
    // and sets badInput: tell it apart from a field left empty.
    if (input.validity && input.validity.badInput) return { error: "bad_date" };
    var value = input.value.trim();
    if (!value) return { error: "empty_date" };
    var typed = info.month_names ? parseTypedDate(value, info) : { time: parseIsoDate(value) };
    if (!typed || typed.time === null) return { error: "bad_date" };
    var day = Math.round((todayUtc() - typed.time) / DAY_MS);
    if (day < 0) return { error: "future" };
    if (day > info.max_years * info.days_per_year) return { error: "too_old" };
    if (typed.lastTime === undefined) return { day: day, via: "date", date: typed.time, latestDay: day };
    var latestDay = Math.round((todayUtc() - Math.min(typed.lastTime, todayUtc())) / DAY_MS);
    return { day: day, via: "month", date: typed.time, latestDay: latestDay };
  }

  /**
   * The answer for the months box ("8", "8.5", "8 months", "8 mo", "2 years"; where the
   * JSON lists them, "3 semanas", "10 días", "un año"): {day, via: "months", months, amount},
   * {day, via: "days", latestDay, amount} for days or weeks, or {error}.
   */
  function fromMonths(text, info) {
    var value = text.trim().toLowerCase().normalize("NFC");
    if (!value) return { error: "empty_months" };
    if (/^-\s*\d/.test(value)) return { error: "negative" };
    value = withDigits(value, info);
    // Letters with accents too ("días", "años"): a word the JSON does not list is still refused below.
    var match = /^(\d+(?:[.,]\d+)?)\s*([a-z\u00e0-\u00ff]*)\.?$/.exec(value);
    if (!match) return { error: "not_a_number" };
    var unit = match[2] ? unitOf(match[2], info) : "month";
    if (!unit) return { error: "not_a_number" };
    var number = Number(match[1].replace(",", "."));
    if (unit === "day" || unit === "week") {
      var days = Math.round(unit === "week" ? number * 7 : number);
      if (days > info.max_years * info.days_per_year) return { error: "too_many" };
      return { day: days, via: "days", latestDay: days, amount: count(number, unit, info) };
    }
    var months = unit === "year" ? number * 12 : number;
    if (months > info.max_years * 12) return { error: "too_many" };
    return { day: Math.round(months * info.days_per_month), via: "months", months: months, amount: count(number, unit, info) };
  }

  /** "un año" -> "1 año", for the number words the JSON lists (none in English). */
  function withDigits(value, info) {
    var words = info.number_words || {};
    var match = /^([a-z\u00e0-\u00ff]+)\s+(.*)$/.exec(value);
    return match && Object.prototype.hasOwnProperty.call(words, match[1]) ? words[match[1]] + " " + match[2] : value;
  }

  /** "mo" -> "month", "yrs" -> "year"; null for a word the tool does not know. */
  function unitOf(word, info) {
    for (var unit in info.unit_words) {
      if (info.unit_words[unit].indexOf(word) !== -1) return unit;
    }
    return null;
  }

  /** "2025-03-15" as a UTC time, or null if there is no such day. */
  function parseIsoDate(value) {
    var match = /^(\d{4,})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return null;
    return utcDay(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  }

  /** Year, month (0-11) and day as a UTC time, or null if there is no such day. */
  function utcDay(year, month, day) {
    var date = new Date(0);
    date.setUTCFullYear(year, month, day); // not Date.UTC: it reads years 0-99 as 1900-1999
    var exists = date.getUTCFullYear() === year && date.getUTCMonth() === month && date.getUTCDate() === day;
    return exists ? date.getTime() : null;
  }

  /**
   * A date typed day first: "15/03/2025", "15-3-25", "15.03.2025", "15 de marzo de 2025",
   * "15 mar 2025", or a month and year: "marzo 2025", "marzo de 2025", "03/2025"; also
   * "2025-03-15". Returns {time} for a day, {time, lastTime} for a whole month (its first
   * and last day), {time: null} for a day that does not exist, or null if unreadable.
   */
  function parseTypedDate(value, info) {
    var words = folded(value).replace(/[,\/.\-]+/g, " ").split(/\s+/).filter(function (word) {
      return word && (info.filler_words || []).indexOf(word) === -1;
    });
    if (words.length === 3 && /^\d{4}$/.test(words[0]) && /^\d{1,2}$/.test(words[1]) && /^\d{1,2}$/.test(words[2])) {
      return { time: utcDay(Number(words[0]), Number(words[1]) - 1, Number(words[2])) };
    }
    if (words.length < 2 || words.length > 3) return null;
    var month = monthOf(words[words.length - 2], info);
    // Without a day the year has all four digits: "03/04" is a day and a month, not March 2004.
    var year = words.length === 2 && !/^\d{4}$/.test(words[1]) ? null : yearOf(words[words.length - 1]);
    if (month === null || year === null) return null;
    if (words.length === 3) {
      return /^\d{1,2}$/.test(words[0]) ? { time: utcDay(year, month, Number(words[0])) } : null;
    }
    var last = new Date(0);
    last.setUTCFullYear(year, month + 1, 0); // day 0 of the next month: the last day of this one
    return { time: utcDay(year, month, 1), lastTime: last.getTime() };
  }

  /** "03", "3", "marzo", "mar" -> 2 (months count from 0); null for anything else. */
  function monthOf(word, info) {
    if (/^\d{1,2}$/.test(word)) {
      var number = Number(word);
      return number >= 1 && number <= 12 ? number - 1 : null;
    }
    for (var i = 0; i < info.month_names.length; i++) {
      if (info.month_names[i].map(folded).indexOf(word) !== -1) return i;
    }
    return null;
  }

  /** "2025" -> 2025; "25" -> 2025, or 1998 for "98" (a two-digit year is never in the future). */
  function yearOf(word) {
    if (/^\d{4}$/.test(word)) return Number(word);
    if (!/^\d{2}$/.test(word)) return null;
    var thisYear = String(new Date().getFullYear());
    var century = thisYear.slice(0, -2);
    var year = Number(century + word);
    return year <= Number(thisYear) ? year : Number(String(Number(century) - 1) + word);
  }

  /** Lower case without accents, so "Día" and "dia", "Marzo" and "marzo" are one word. */
  function folded(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  /** Today's date where the reader is, as a UTC time (whole days, no clock change problems). */
  function todayUtc() {
    var now = new Date();
    var date = new Date(0);
    date.setUTCFullYear(now.getFullYear(), now.getMonth(), now.getDate());
    return date.getTime();
  }

  function isoDate(time) {
    return new Date(time).toISOString().slice(0, 10);
  }

  // --- the answer --------------------------------------------------------------------------

  function findStage(day, info) {
    return info.stages.filter(function (stage) {
      return day >= stage.start && (stage.end === null || day < stage.end);
    })[0];
  }

  function resultNodes(answer, info) {
    var stage = findStage(answer.day, info);
    var m = info.messages;
    var entered;
    if (answer.via === "date" || answer.via === "month") {
      entered = fill(answer.via === "month" ? m.from_month : m.from_date,
        { date: humanDate(answer.date, answer.via === "month", info), days: count(answer.day, "day", info), how_long: howLong(answer.day, info) });
    } else if (answer.via === "days") {
      entered = fill(m.from_days, { amount: answer.amount, day: answer.day });
    } else {
      entered = fill(answer.months < 1 ? m.under_a_month : m.from_months, { amount: answer.amount, day: answer.day });
    }
    var nodes = [
      element("p", "sg-tl-stage", [element("strong", null, [fill(m.stage, { label: stage.label })])]),
      element("p", null, [entered])
    ];
    // A face that became weak in the last few days needs a doctor now. From a number
    // of months under 1 the tool cannot tell how recent it was, so it says it too;
    // nor from a month without its day, if the month ended in the last few days.
    var recent = answer.via === "months" ? answer.months < 1 : answer.latestDay <= info.urgent_days;
    if (recent) nodes.push(paragraph(info.notes.urgent, {}, info, "sg-tl-urgent"));
    nodes.push(paragraph(info.notes.frame, {}, info));
    nodes.push(levelsOffNote(answer.day, info));
    if (answer.day >= info.long_ago_years * info.days_per_year) nodes.push(paragraph(info.notes.long_ago, {}, info));
    nodes.push(heading(info.headings.saw));
    stage.saw.forEach(function (text) { nodes.push(paragraph(text, {}, info)); });
    nodes.push(heading(info.headings.consider));
    stage.consider.forEach(function (text) { nodes.push(paragraph(text, {}, info)); });
    nodes.push(heading(info.headings.caveats));
    nodes.push(element("ul", null, info.caveats.map(function (text) {
      return element("li", null, withCitation(text, {}, info));
    }).concat([element("li", null, [info.privacy])])));
    return nodes;
  }

  /** When the study saw the group level off, counted from the reader's own day. */
  function levelsOffNote(day, info) {
    var gap = info.plateau_day - day;
    var months = Math.round(Math.abs(gap) / info.days_per_month);
    if (months < 1) return paragraph(info.notes.levels_now, {}, info);
    var when = months < 24 ? count(months, "month", info) : count(Math.round(Math.abs(gap) / info.days_per_year), "year", info);
    return paragraph(gap > 0 ? info.notes.levels_ahead : info.notes.levels_past, { when: when }, info);
  }

  /** "You are here" on the natural-course figure: a line at the reader's day, over the image. */
  function markFigure(day, info) {
    var figure = document.getElementById(info.figure.id);
    var image = figure && figure.querySelector("img");
    if (!image) return;
    var holder = image.parentNode;
    var marker = holder.querySelector(".sg-tl-here");
    if (!marker) {
      marker = element("span", "sg-tl-here", [element("span", "sg-tl-here-label", [info.messages.you_are_here])]);
      marker.setAttribute("aria-hidden", "true"); // the result above says it in words
      holder.classList.add("sg-tl-marked");
      holder.appendChild(marker);
    }
    var f = info.figure;
    var share = Math.min(day, f.end_day) / f.end_day;
    var across = f.left + share * (f.right - f.left);
    // Shares of the image (0 to 1); site.css turns them into positions. Style
    // properties set from script are allowed by the site's Content-Security-Policy.
    marker.style.setProperty("--sg-tl-x", across.toFixed(4));
    marker.style.setProperty("--sg-tl-top", f.top);
    marker.style.setProperty("--sg-tl-bottom", f.bottom);
    marker.className = "sg-tl-here" + (share < 0.2 ? " sg-tl-here--start" : share > 0.8 ? " sg-tl-here--end" : "");
  }

  /** The message, linked to its field for when the reader returns to it. */
  function errorNodes(text, input) {
    var message = element("p", "sg-tl-error", [text]);
    message.id = input.id + "-error";
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", input.id + "-hint " + message.id);
    return [message];
  }

  function clearError(input) {
    input.removeAttribute("aria-invalid");
    input.setAttribute("aria-describedby", input.id + "-hint");
  }

  // --- words and elements ----------------------------------------------------------------

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  /** "1 day", "10,957 days", "2.5 months"; in the JSON's locale if it names one ("1 día"). */
  function count(n, unit, info) {
    var shown = Math.round(n * 10) / 10;
    return shown.toLocaleString(info.locale || "en-GB") + " " + info.units[unit][shown === 1 ? 0 : 1];
  }

  /** "less than 1 month", "about 8 months"; from 2 years on, "about 30 years". */
  function howLong(day, info) {
    var months = Math.round(day / info.days_per_month);
    if (months < 1) return info.messages.less_than_a_month;
    var amount = months < 24 ? count(months, "month", info) : count(Math.round(day / info.days_per_year), "year", info);
    return fill(info.messages.about, { count: amount });
  }

  /** "15 March 2025"; "15 de marzo de 2025" or, for a whole month, "marzo de 2025". */
  function humanDate(time, wholeMonth, info) {
    var parts = wholeMonth ? { month: "long", year: "numeric" } : { day: "numeric", month: "long", year: "numeric" };
    parts.timeZone = "UTC";
    return new Date(time).toLocaleDateString(info.locale || "en-GB", parts);
  }

  /** A text with its citation before the final full stop, as the page cites: "... began (Rail et al.)." */
  function withCitation(text, values, info) {
    var words = fill(text.text, values);
    if (!text.sources.length) return [words];
    var nodes = [words.replace(/\.$/, "") + " ("];
    text.sources.forEach(function (id, i) {
      if (i) nodes.push("; ");
      var link = element("a", null, [info.sources[id].label]);
      link.href = info.sources[id].href;
      nodes.push(link);
    });
    nodes.push(").");
    return nodes;
  }

  function paragraph(text, values, info, className) {
    return element("p", className || null, withCitation(text, values, info));
  }

  function heading(text) {
    // Not an <h2>/<h3>: the tool sits inside a page whose headings it does not know.
    return element("p", "sg-tl-h", [text]);
  }

  function element(tag, className, children) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    node.append.apply(node, children);
    return node;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
