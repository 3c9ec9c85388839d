// A crosswalk maps the criterion ids of one framework version onto those of the next, so
// that audits judged under different versions can be compared criterion by criterion
// (format: the top comment of checklists/crosswalks/igj-vt-2024--igj-vt-2025.xml; schema:
// checklists/crosswalk.xsd). Loaded against both frameworks: every old criterion is mapped
// (several times for a split) or removed, every new one mapped once or added. Immutable
// once loaded; thread-safe to read.
#ifndef VTAUDIT_CROSSWALK_H_
#define VTAUDIT_CROSSWALK_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "framework.h"
#include "status.h"

namespace vtaudit {

struct CrosswalkMap {
  std::string from;  // criterion id in the old framework
  std::string to;    // criterion id in the new framework
};

struct Crosswalk {
  std::string from_framework;        // framework id, e.g. "igj-vt-2024"
  std::string to_framework;          // "igj-vt-2025"
  std::vector<CrosswalkMap> maps;    // document order
  std::vector<std::string> removed;  // old criteria without a successor
  std::vector<std::string> added;    // new criteria without a predecessor

  // The new criteria an old one continues as: one, several for a split, none when removed.
  std::vector<std::string> Successors(std::string_view from_id) const;
  // The old criterion a new one continues; nullopt for an added criterion.
  std::optional<std::string> Predecessor(std::string_view to_id) const;
};

// Parses a crosswalk and checks it against the frameworks it maps between. Every error
// found is returned, each as "NAME:LINE:COL: what".
Result<Crosswalk> ParseCrosswalk(std::string_view xml, std::string_view source_name,
                                 const Framework& from, const Framework& to);
// Reads the file and parses it; the name in messages is `path` as given.
Result<Crosswalk> LoadCrosswalkFile(const std::string& path, const Framework& from,
                                    const Framework& to);
// Where the crosswalk from one framework id to another lives in `dir`: "DIR/FROM--TO.xml".
std::string CrosswalkPath(const std::string& dir, std::string_view from_id, std::string_view to_id);

}  // namespace vtaudit

#endif  // VTAUDIT_CROSSWALK_H_
