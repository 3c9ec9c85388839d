// The judgement explained in words of the reader's language: one sentence per node that
// names the numbers and the rule ("Gemiddelde van de criteria 1,4 (drempel 1,0): voldoet
// deels; begrensd door V1.4"), with level names instead of ids. The report's findings and
// `judge --explain` speak through it; the wording is in reports/text-LANG.properties
// (explain.*). The rules' own explanation (NodeJudgement::explanation) stays the audit
// trail's record in the JSON. Pure and thread-safe.
#ifndef VTAUDIT_EXPLANATION_H_
#define VTAUDIT_EXPLANATION_H_

#include <map>
#include <string>

#include "framework.h"
#include "judgement.h"
#include "translator.h"

namespace vtaudit {

// The name of a level of `scale` in the translator's language; the id when unknown.
std::string LevelLabel(const Scale& scale, const std::string& level, const Translator& t);

// The sentence for `node`. `not_judged` holds the criteria the inspectors marked niet
// beoordeeld, with their reasons (lifecycle.h).
std::string ExplainNode(const NodeJudgement& node, const Framework& framework,
                        const std::map<std::string, std::string>& not_judged, const Translator& t);

// The whole judgement as an indented tree: per node its id and name, and below it
// the sentence of ExplainNode. For `judge --explain`: control characters (in a reason
// typed by an inspector) are shown escaped, one node a line.
std::string ExplainJudgement(const Judgement& judgement, const Framework& framework,
                             const std::map<std::string, std::string>& not_judged,
                             const Translator& t);

}  // namespace vtaudit

#endif  // VTAUDIT_EXPLANATION_H_
