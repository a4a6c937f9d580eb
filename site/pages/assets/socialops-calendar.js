// The calendar's filters, in the reader's browser: the site is static, so choosing an
// account, market, platform or campaign hides the other posts here (the `hidden`
// attribute). Without this script the filters stay hidden and every post is shown.
// The choice is kept in the address (?account=...), so a filtered view can be shared
// and the links to other months and to the agenda keep it.
(function () {
  "use strict";
  var form = document.querySelector("form.so-filters");
  if (!form) {
    return;
  }
  var names = ["account", "market", "platform", "campaign"];
  var selects = {};
  names.forEach(function (name) {
    selects[name] = document.getElementById("so-filter-" + name);
  });
  var posts = Array.prototype.slice.call(document.querySelectorAll(".so-post"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-so-group]"));
  var status = form.querySelector(".so-filters__status");

  function chosen() {
    var values = {};
    names.forEach(function (name) {
      values[name] = selects[name].value;
    });
    return values;
  }

  function matches(post, values) {
    return names.every(function (name) {
      return !values[name] || post.getAttribute("data-" + name) === values[name];
    });
  }

  function query(values) {
    var params = new URLSearchParams();
    names.forEach(function (name) {
      if (values[name]) {
        params.set(name, values[name]);
      }
    });
    var text = params.toString();
    return text ? "?" + text : "";
  }

  function apply() {
    var values = chosen();
    var shown = 0;
    posts.forEach(function (post) {
      var match = matches(post, values);
      post.hidden = !match;
      shown += match ? 1 : 0;
    });
    // an agenda day with nothing left to show is hidden too, except today
    groups.forEach(function (group) {
      group.hidden = !group.classList.contains("so-today") && !group.querySelector(".so-post:not([hidden])");
    });
    status.textContent = form.getAttribute("data-so-count")
      .replace("{shown}", String(shown)).replace("{total}", String(posts.length));
    var search = query(values);
    try {
      history.replaceState(null, "", location.pathname + search + location.hash);
    } catch (error) {
      // some browsers refuse to change the address of a page opened from a file
    }
    document.querySelectorAll("a[data-so-keep-filters]").forEach(function (link) {
      link.search = search;
    });
  }

  var params = new URLSearchParams(location.search);
  names.forEach(function (name) {
    var value = params.get(name);
    var known = Array.prototype.some.call(selects[name].options, function (option) {
      return option.value === value;
    });
    if (value && known) {
      selects[name].value = value;
    }
  });
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.addEventListener("reset", function () {
    window.setTimeout(apply, 0); // the selects change back after the event
  });
  form.hidden = false;
  apply();
})();
