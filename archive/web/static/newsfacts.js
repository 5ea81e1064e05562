// Column descriptions fold into one "Column descriptions" line that opens with a click, so the
// table's first row is near the top of the page (Datasette shows them all above the data).
for (const dl of document.querySelectorAll("dl.column-descriptions")) {
  const details = document.createElement("details");
  details.className = "nf-columns-help";
  const summary = document.createElement("summary");
  summary.textContent = `Column descriptions (${dl.querySelectorAll("dt").length})`;
  dl.replaceWith(details);
  details.append(summary, dl);
}
