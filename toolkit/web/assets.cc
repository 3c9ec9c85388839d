// The stylesheet and the script, embedded so that no request ever reaches the disk.
#include "web_internal.h"

namespace vtaudit::web {

const std::string_view kStylesheet = R"css(
:root { --ink: #1f2a33; --muted: #5b6770; --line: #d9dee2; --bg: #f7f8f6; --card: #fff;
  --accent: #2f5d7c; --ok: #2e6b3f; --bad: #9b3b2e; --na: #6b6b6b; --warn: #8a5a00; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 16px/1.5 "DejaVu Sans", system-ui, sans-serif; }
header.top { display: flex; gap: 1.5rem; align-items: baseline; padding: .6rem 2rem;
  background: var(--card); border-bottom: 1px solid var(--line); }
.brand { font-weight: bold; color: var(--accent); text-decoration: none; }
.who { color: var(--muted); margin-left: auto; }
main { max-width: 62rem; margin: 0 auto; padding: 1rem 2rem 4rem; }
h1 { font-size: 1.5rem; font-weight: 600; margin: 1rem 0; }
h2 { font-size: 1.15rem; font-weight: 600; margin: 2rem 0 .5rem; }
a { color: var(--accent); }
a:focus, input:focus, button:focus, textarea:focus { outline: 3px solid #f2b632; outline-offset: 2px; }
nav.audit { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; margin: 0 0 1rem;
  padding-bottom: .5rem; border-bottom: 1px solid var(--line); }
nav.audit a[aria-current] { font-weight: bold; color: var(--ink); text-decoration: none; }
table { border-collapse: collapse; width: 100%; background: var(--card); }
th, td { text-align: left; padding: .4rem .7rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: .9rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); }
.small { font-size: .88rem; }
.message { padding: .6rem 1rem; border-left: 4px solid var(--accent); background: #eef3f7; }
.message.error { border-color: var(--bad); background: #f8ecea; }
.message.ok { border-color: var(--ok); background: #ecf4ee; }
.tag { display: inline-block; padding: 0 .5rem; border-radius: .8rem; font-size: .85rem;
  background: #e8ecef; color: var(--ink); }
.tag.done { background: #dcebdf; color: var(--ok); }
.tag.busy { background: #f4ead6; color: var(--warn); }
.tag.incomplete { background: #f4ead6; color: var(--warn); }
fieldset.criterion { background: var(--card); border: 1px solid var(--line); border-radius: 6px;
  margin: 0 0 .8rem; padding: .6rem 1rem .8rem; }
fieldset.criterion:focus-within { border-color: var(--accent); box-shadow: 0 0 0 1px var(--accent); }
legend { font-weight: 600; padding: 0 .3rem; }
.choices { display: flex; flex-wrap: wrap; gap: .5rem 1.2rem; margin: .3rem 0 .5rem; }
.choices label { display: inline-flex; gap: .35rem; align-items: center; cursor: pointer; }
.note label { display: block; font-size: .9rem; color: var(--muted); }
.note textarea { width: 100%; padding: .35rem .5rem; border: 1px solid var(--line); border-radius: 4px; font: inherit; resize: vertical; box-sizing: border-box; }
.others { font-size: .88rem; color: var(--muted); margin: .2rem 0 0; }
.actions { display: flex; gap: 1rem; margin-top: 1rem; position: sticky; bottom: 0;
  background: var(--bg); padding: .6rem 0; border-top: 1px solid var(--line); }
button { white-space: nowrap; font: inherit; padding: .45rem 1.1rem; border-radius: 4px; border: 1px solid var(--accent);
  background: var(--card); color: var(--accent); cursor: pointer; }
button.primary { background: var(--accent); color: #fff; }
kbd { font: .8rem monospace; border: 1px solid var(--line); border-radius: 3px; padding: 0 .3rem; background: var(--card); }
ul.tree, ul.tree ul { list-style: none; padding-left: 1.3rem; margin: 0; }
ul.tree { padding-left: 0; }
ul.tree li { margin: .35rem 0; }
.node { display: flex; gap: .6rem; align-items: baseline; flex-wrap: wrap; }
.level { font-weight: 600; }
.level.met { color: var(--ok); } .level.notmet { color: var(--bad); } .level.none { color: var(--na); }
.why { color: var(--muted); font-size: .88rem; margin: .1rem 0 .3rem; }
dl.case { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; background: var(--card);
  padding: .6rem 1rem; border: 1px solid var(--line); border-radius: 6px; font-size: .92rem; }
dl.case dt { color: var(--muted); } dl.case dd { margin: 0; }
)css";

// Keyboard help for scoring: 1, 2, 3 choose voldoet, voldoet niet, n.v.t. for the
// criterion that has the focus and move on to the next; the page works without it.
const std::string_view kScript = R"js(
document.addEventListener('keydown', function (e) {
  var form = document.querySelector('form.score');
  if (!form) return;
  var t = e.target;
  if (t && t.tagName === 'TEXTAREA' && e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    form.requestSubmit(form.querySelector('button.primary'));
    return;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (t && (t.tagName === 'INPUT' && t.type === 'text' || t.tagName === 'TEXTAREA')) return;
  var set = t && t.closest ? t.closest('fieldset.criterion') : null;
  if (!set) return;
  var radios = set.querySelectorAll('input[type=radio]');
  var i = '123456789'.indexOf(e.key);
  if (i < 0 || i >= radios.length) return;
  e.preventDefault();
  radios[i].checked = true;
  radios[i].dispatchEvent(new Event('change', { bubbles: true }));
  var sets = Array.prototype.slice.call(form.querySelectorAll('fieldset.criterion'));
  var next = sets[sets.indexOf(set) + 1];
  if (next) {
    var target = next.querySelector('input[type=radio]:checked') || next.querySelector('input[type=radio]');
    target.focus();
  } else {
    form.querySelector('button.primary').focus();
  }
});
document.addEventListener('DOMContentLoaded', function () {
  var first = document.querySelector('form.score fieldset.criterion input[type=radio]');
  if (first) {
    var set = first.closest('fieldset');
    (set.querySelector('input[type=radio]:checked') || first).focus();
  }
});
)js";

}  // namespace vtaudit::web
