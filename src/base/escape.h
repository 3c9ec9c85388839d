// Escaping user text for the markup vtaudit writes: notes and names in reports, charts
// and the web UI are shown as text, never interpreted.
#ifndef VTAUDIT_ESCAPE_H_
#define VTAUDIT_ESCAPE_H_

#include <string>
#include <string_view>

namespace vtaudit {

// Escapes & < > " ' for HTML text and attribute values (' as &#39;) and drops the control
// characters neither HTML nor XML allows (all below 0x20 but tab, CR and LF).
std::string EscapeHtml(std::string_view text);
// The same for XML, SVG included (' as &apos;).
std::string EscapeXml(std::string_view text);
// Text shown safely on one line of a terminal or a message: a line break as \n, other
// ASCII controls and bytes that are not UTF-8 as \xNN, the other characters that must
// not be shown as they are (printable.h: C1 controls, bidirectional controls, the byte
// order mark, …) as \uNNNN (\UNNNNNNNN beyond U+FFFF); everything else as it is.
std::string EscapeControl(std::string_view text);

}  // namespace vtaudit

#endif  // VTAUDIT_ESCAPE_H_
