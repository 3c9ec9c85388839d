# Writes the score sheet and the reconciliation of one example audit from its sampled
# cases. Input: one line per sampled case, tab-separated: case_id, violence, outcome, rvdk,
# disclosure, safety_assessed, investigation_completed (as stored in the workspace).
# Variables: audit (VT06-2024), insp_a (scores everything), insp_b (double-scores five
# cases), scores and reconcile (the files to write).
#
# Every result is decided by a hash of (audit, case, criterion) against the audit's
# profile below, so the sheets are identical on every run. Results and notes are synthetic:
# no case or person behind them.

function hash(text,    h, i) {
  h = 7
  for (i = 1; i <= length(text); i++) h = (h * 31 + ord[substr(text, i, 1)]) % 2147483647
  # Three Lehmer (MINSTD) steps spread similar texts apart; every product stays exact.
  for (i = 0; i < 3; i++) h = (h * 48271) % 2147483647
  return h
}
function chance(text) { return (hash(text) % 10000) / 10000 }
function pick(bank, key,    n, parts) {
  n = split(bank, parts, "|")
  return parts[hash(key) % n + 1]
}
function has_value(list, value,    n, parts, i) {
  n = split(list, parts, "|")
  for (i = 1; i <= n; i++) if (parts[i] == value) return 1
  return 0
}

# The applies-when conditions of checklists/toetsingskader-veilig-thuis-2025.xml; every
# sampled case is a melding. A score where a criterion does not apply is refused on import.
function applies(k) {
  if (k == "V2.2" || k == "V2.3" || k == "V2.4")
    return outcome == "VT-01-01" || outcome == "VT-01-02" || outcome == "VT-02"
  if (k == "V3.2") return assessed != ""
  if (k == "V3.3") return rvdk == "1"
  if (k == "G1.1") return has_value(violence, "kindermishandeling")
  if (k == "G2.2") return outcome == "VT-01-02" || outcome == "VT-02"
  if (k == "D1.2") return disclosure == "1"
  if (k == "D1.3") return completed != ""
  return 1
}

# Scored nvt although the condition holds: there was nothing to judge in the file.
function not_relevant(k, id) {
  if (k == "V2.4") return outcome == "VT-01-01" && completed == ""
  if (k == "D1.1") return disclosure != "1" && chance(audit id k "medisch") < 0.4
  return 0
}

function result_of(k, id,    p) {
  if (not_relevant(k, id)) return "nvt"
  p = profile[audit] + offset[k]
  return chance(audit id k) < p ? "voldoet" : "voldoet_niet"
}

function note_of(k, result, key) {
  if (result == "nvt") return nvt_note[k]
  return pick(result == "voldoet" ? good[k] : bad[k], key)
}

function csv(text) { return "\"" text "\"" }

function row(file, id, k, result, note, who) {
  print id "," k "," result "," csv(note) "," who > file
}

BEGIN {
  FS = "\t"
  for (i = 32; i < 127; i++) ord[sprintf("%c", i)] = i

  # Share of applicable files expected to meet a case criterion, per audit: VT06 is good,
  # VT12 middling, VT01 weak in 2024 and clearly better in 2025.
  profile["VT01-2024"] = 0.56; profile["VT01-2025"] = 0.80
  profile["VT06-2024"] = 0.92; profile["VT06-2025"] = 0.94
  profile["VT12-2024"] = 0.76; profile["VT12-2025"] = 0.78
  # Criteria that inspections find harder everywhere, and easier ones.
  offset["V2.1"] = 0.05; offset["V3.1"] = 0.03; offset["V2.4"] = -0.08
  offset["G1.1"] = -0.10; offset["G1.3"] = -0.08; offset["G2.1"] = -0.06
  offset["D1.3"] = -0.03

  # Organisation criteria, in this order, with a level per audit
  # (3 voldoet, 2 voldoet_grotendeels, 1 voldoet_deels, 0 voldoet_niet).
  n_org = split("V1.4 G2.3 D2.1 D2.2 D2.3 B1.1 B1.2 B1.3 B2.1 B2.2 B2.3", org_criteria, " ")
  levels["VT01-2024"] = "01122021212"; levels["VT01-2025"] = "22223232323"
  levels["VT06-2024"] = "23333333233"; levels["VT06-2025"] = "33333333323"
  levels["VT12-2024"] = "12232132223"; levels["VT12-2025"] = "22232232323"
  level_id[3] = "voldoet"; level_id[2] = "voldoet_grotendeels"
  level_id[1] = "voldoet_deels"; level_id[0] = "voldoet_niet"

  n_case = split("V2.1 V2.2 V2.3 V2.4 V3.1 V3.2 V3.3 G1.1 G1.2 G1.3 G2.1 G2.2 D1.1 D1.2 D1.3", case_criteria, " ")

  good["V2.1"] = "Acute en structurele onveiligheid op de dag van de melding beoordeeld en met onderbouwing vastgelegd.|Triage en veiligheidsbeoordeling sluiten aan; acute onveiligheid uitgesloten na contact met melder en gezin."
  bad["V2.1"] = "Structurele onveiligheid niet beoordeeld; alleen de acute situatie is gewogen.|Beoordeling van acute onveiligheid pas na enkele dagen vastgelegd, zonder toelichting op de vertraging."
  good["V2.2"] = "Veiligheidsvoorwaarden concreet en toetsbaar geformuleerd en met beide ouders besproken.|Voorwaarden sluiten aan bij de zorgen uit de melding; verslag van het gesprek met het gezin aanwezig."
  bad["V2.2"] = "Voorwaarden algemeen geformuleerd (zorg dragen voor een veilige thuissituatie), niet toetsbaar.|Niet vastgelegd dat de veiligheidsvoorwaarden met de gezinsleden zijn besproken."
  good["V2.3"] = "Warme overdracht met driegesprek; monitoring na drie maanden uitgevoerd en vastgelegd.|Zicht op veiligheid loopt door tot de vervolgpartij de overname schriftelijk heeft bevestigd."
  bad["V2.3"] = "Overdracht per e-mail zonder bevestiging van de vervolgpartij; geen monitoring gepland.|Geplande monitoring niet uitgevoerd; het dossier is zonder zicht op veiligheid gesloten."
  good["V2.4"] = "Bij afsluiting nagegaan bij gezin en vervolgpartij dat de voorwaarden worden nageleefd.|Afsluitende beoordeling van de veiligheid met onderbouwing vastgelegd."
  bad["V2.4"] = "Dossier afgesloten zonder vast te leggen of de veiligheid is hersteld.|Afsluiting op grond van het verstrijken van de termijn, zonder beoordeling van de veiligheid."
  nvt_note["V2.4"] = "Onderzoek loopt nog; de bemoeienis is niet afgesloten."
  good["V3.1"] = "Besluiten met datum, besluitnemer en onderbouwing in het dossier.|Alle besluitmomenten herkenbaar vastgelegd, inclusief het multidisciplinair overleg."
  bad["V3.1"] = "Besluit over het vervolg zonder onderbouwing en zonder naam van de besluitnemer.|Datum van het besluit tot onderzoek ontbreekt in het dossier."
  good["V3.2"] = "Vervolg past bij de uitkomst van de veiligheidsbeoordeling en de ernst van de zorgen.|Keuze voor overdracht onderbouwd met de bereidheid van het gezin om hulp te aanvaarden."
  bad["V3.2"] = "Gekozen vervolg sluit niet aan bij de ernst van de zorgen uit de veiligheidsbeoordeling.|Niet onderbouwd waarom is gekozen voor overdracht in plaats van onderzoek."
  good["V3.3"] = "Verzoek tot onderzoek aan de Raad tijdig gedaan en onderbouwd met feiten en afweging vrijwillig kader.|Verzoek aan de Raad goed onderbouwd; gezamenlijke analyse met de Raad vastgelegd."
  bad["V3.3"] = "Verzoek aan de Raad pas na enkele weken gedaan; afweging vrijwillig kader ontbreekt.|Verzoek aan de Raad onvoldoende onderbouwd met feiten."
  good["G1.1"] = "Alle kinderen gezien en, passend bij de leeftijd, zonder ouders gesproken.|Jongste kind gezien, oudere kinderen apart gesproken; verslag in het dossier."
  bad["G1.1"] = "Kinderen niet gesproken; in het dossier staat niet waarom.|Alleen het oudste kind gesproken, jongere kinderen niet gezien; reden niet vastgelegd."
  good["G1.2"] = "Visie van beide ouders, ook van de vermoedelijke pleger, zichtbaar meegewogen.|Ieder gezinslid gesproken; verschillen in visie benoemd in de analyse."
  bad["G1.2"] = "Alleen de melder en een ouder gehoord; visie van de vermoedelijke pleger ontbreekt.|Inbreng van de gezinsleden genoteerd maar niet meegewogen in het besluit."
  good["G1.3"] = "Gezinsleden schriftelijk geïnformeerd over uitkomst, rechten en klachtmogelijkheid.|Uitkomst besproken en brief met rechten en klachtregeling verstuurd."
  bad["G1.3"] = "Niet vastgelegd dat het gezin over zijn rechten en de klachtmogelijkheid is geïnformeerd.|Uitkomst mondeling gedeeld; informatie over inzage en correctie ontbreekt."
  good["G2.1"] = "Melder binnen de termijn teruggekoppeld over de stappen van Veilig Thuis.|Terugkoppeling aan de school met de informatie die zij voor haar taak nodig heeft."
  bad["G2.1"] = "Geen terugkoppeling aan de melder vastgelegd.|Melder pas na afsluiting teruggekoppeld; school niet geïnformeerd over het vervolg."
  good["G2.2"] = "Veiligheidsvoorwaarden en bevindingen overgedragen; vastgelegd wie het zicht op veiligheid overneemt.|Overdracht aan het lokale team met voorwaarden; gezin over de overdracht geïnformeerd."
  bad["G2.2"] = "Niet vastgelegd wie het zicht op veiligheid overneemt.|Bevindingen overgedragen zonder de veiligheidsvoorwaarden; gezin niet geïnformeerd."
  good["D1.1"] = "Vertrouwensarts tijdig geconsulteerd over het letsel; advies verwerkt in het plan.|Vertrouwensarts betrokken bij de weging van de medische voorgeschiedenis."
  bad["D1.1"] = "Letsel beschreven zonder consultatie van de vertrouwensarts.|Vertrouwensarts pas na het besluit over het vervolg betrokken."
  nvt_note["D1.1"] = "Geen medische vraag aan de orde in dit dossier."
  good["D1.2"] = "Na disclosure vertrouwensarts direct betrokken en top-tot-teenonderzoek uitgevoerd.|Top-tot-teenonderzoek binnen enkele dagen na disclosure; verslag vertrouwensarts aanwezig."
  bad["D1.2"] = "Na disclosure geen top-tot-teenonderzoek uitgevoerd.|Disclosure vastgelegd, vertrouwensarts niet betrokken."
  good["D1.3"] = "Gedragswetenschapper betrokken bij het eindoordeel; vastgelegd in het verslag.|Eindoordeel in multidisciplinair overleg met de gedragswetenschapper."
  bad["D1.3"] = "Betrokkenheid van een gedragswetenschapper bij het eindoordeel niet vastgelegd.|Eindoordeel door de casusregisseur alleen."

  org_note["V1.4", 3] = "Wachtlijst actueel; wachtenden worden wekelijks opnieuw op acute onveiligheid beoordeeld."
  org_note["V1.4", 2] = "Wachtlijst actueel en wekelijks besproken; herbeoordeling niet voor alle wachtenden vastgelegd."
  org_note["V1.4", 1] = "Wachtlijst bijgehouden, maar herbeoordeling van wachtenden gebeurt niet periodiek."
  org_note["V1.4", 0] = "Geen actueel overzicht van wachtenden; geen periodieke herbeoordeling op acute onveiligheid."
  org_note["G2.3", 3] = "Wachtenden krijgen een brief met verwachte wachttijd en contactmogelijkheid."
  org_note["G2.3", 2] = "Wachtenden worden geïnformeerd; de verwachte wachttijd ontbreekt in de brief."
  org_note["G2.3", 1] = "Alleen melders worden over de wachttijd geïnformeerd, gezinnen niet."
  org_note["G2.3", 0] = "Gezinnen en melders worden niet over de wachttijd geïnformeerd."
  org_note["D2.1", 3] = "Alle medewerkers die met kinderen spreken zijn getraind; overzicht actueel."
  org_note["D2.1", 2] = "Ruim driekwart van de medewerkers getraind; scholingsplan voor de rest."
  org_note["D2.1", 1] = "Ongeveer de helft getraind; geen actueel overzicht van wie getraind is."
  org_note["D2.1", 0] = "Geen training in systematische gespreksvoering met kinderen aangeboden."
  org_note["D2.2", 3] = "Vertrouwensarts 24/7 bereikbaar via regionale dienst; rooster ingezien."
  org_note["D2.2", 2] = "Vertrouwensarts 24/7 bereikbaar; in het weekend via een andere regio, afspraken niet vastgelegd."
  org_note["D2.2", 1] = "Buiten kantoortijd geen vertrouwensarts beschikbaar voor consultatie."
  org_note["D2.2", 0] = "Bereikbaarheid van een vertrouwensarts niet geregeld."
  org_note["D2.3", 3] = "Werkwijze volgt het Handelingsprotocol; afwijkingen onderbouwd; handelen bij disclosure bekend."
  org_note["D2.3", 2] = "Werkwijze volgt het protocol; niet alle medewerkers kennen het handelen bij disclosure."
  org_note["D2.3", 1] = "Afwijkingen van het protocol niet onderbouwd."
  org_note["D2.3", 0] = "Geen zichtbare werkwijze volgens het Handelingsprotocol."
  org_note["B1.1", 3] = "Maandelijkse sturingsinformatie over doorlooptijden en wachtlijst; knelpunten besproken met gemeenten."
  org_note["B1.1", 2] = "Sturingsinformatie per kwartaal; bijsturing zichtbaar, overleg met gemeenten incidenteel."
  org_note["B1.1", 1] = "Sturingsinformatie aanwezig maar niet actueel; geen zichtbare bijsturing."
  org_note["B1.1", 0] = "Bestuur heeft geen zicht op doorlooptijden en wachtlijst."
  org_note["B1.2", 3] = "24/7 bereikbaar; crisisdienst kan direct handelen."
  org_note["B1.2", 2] = "24/7 bereikbaar; in de nacht lange wachttijd aan de telefoon."
  org_note["B1.2", 1] = "Buiten kantoortijd alleen bereikbaar via de crisisdienst van een andere organisatie."
  org_note["B1.2", 0] = "Niet altijd bereikbaar voor meldingen."
  org_note["B1.3", 3] = "Jaarlijks intern dossieronderzoek, klachten en incidenten geanalyseerd; verbeteracties gevolgd."
  org_note["B1.3", 2] = "Intern dossieronderzoek uitgevoerd; opvolging van verbeteracties niet overal zichtbaar."
  org_note["B1.3", 1] = "Kwaliteitssysteem op papier; geen intern dossieronderzoek in de afgelopen twee jaar."
  org_note["B1.3", 0] = "Geen systematische bewaking van de kwaliteit."
  org_note["B2.1", 3] = "Calamiteiten onverwijld gemeld en intern geanalyseerd; lessen gedeeld."
  org_note["B2.1", 2] = "Calamiteiten gemeld; interne analyse niet altijd afgerond."
  org_note["B2.1", 1] = "Eén calamiteit pas na maanden bij de IGJ gemeld."
  org_note["B2.1", 0] = "Calamiteiten niet bij de IGJ gemeld."
  org_note["B2.2", 3] = "Registratie volledig; levering aan het CBS tijdig."
  org_note["B2.2", 2] = "Registratie grotendeels volledig; datum start onderzoek soms leeg."
  org_note["B2.2", 1] = "Registratie onvolledig: besluit tot onderzoek vaak niet vastgelegd; levering CBS te laat."
  org_note["B2.2", 0] = "Registratie onbetrouwbaar; geen levering aan het CBS."
  org_note["B2.3", 3] = "Kwaliteits- en klachtenverslag vóór 1 juni gepubliceerd."
  org_note["B2.3", 2] = "Verslag gepubliceerd, enkele weken na 1 juni."
  org_note["B2.3", 1] = "Verslag gepubliceerd zonder paragraaf over klachten."
  org_note["B2.3", 0] = "Geen kwaliteits- of klachtenverslag gepubliceerd."

  reconcile_note["voldoet"] = "Na overleg: dossier opnieuw gelezen, de vastlegging staat in een bijlage bij het journaal."
  reconcile_note["voldoet_niet"] = "Na overleg: alleen vastlegging in het dossier telt; een mondelinge toelichting volstaat niet."
  reconcile_note["nvt"] = "Na overleg: er was geen aanleiding om dit in dit dossier te beoordelen."

  if (!(audit in profile)) { print "scores.awk: no profile for " audit > "/dev/stderr"; exit 1 }
  print "case_id,criterion,result,note,inspector" > scores
  print "case_id,criterion,result,note,inspector" > reconcile
  for (i = 1; i <= n_org; i++) {
    k = org_criteria[i]
    level = substr(levels[audit], i, 1) + 0
    row(scores, "", k, level_id[level], org_note[k, level], insp_a)
  }
}

{
  id = $1; violence = $2; outcome = $3; rvdk = $4; disclosure = $5; assessed = $6; completed = $7
  ids[NR] = id
  fields[id] = $0
  for (i = 1; i <= n_case; i++) {
    k = case_criteria[i]
    if (!applies(k)) continue
    r = result_of(k, id)
    row(scores, id, k, r, note_of(k, r, audit id k), insp_a)
    first[id, k] = r
  }
}

# The second inspector reads the five cases with the lowest hash and scores them again; of
# those pairs, the three with the lowest hash become disagreements, each reconciled.
function load(id,    f) {
  split(fields[id], f, "\t")
  violence = f[2]; outcome = f[3]; rvdk = f[4]; disclosure = f[5]; assessed = f[6]; completed = f[7]
}
END {
  n = NR
  for (i = 1; i <= n; i++) order[i] = ids[i]
  for (i = 1; i <= n; i++)
    for (j = i + 1; j <= n; j++)
      if (hash(audit order[j] "dubbel") < hash(audit order[i] "dubbel")) {
        t = order[i]; order[i] = order[j]; order[j] = t
      }
  pairs = 0
  for (c = 1; c <= 5 && c <= n; c++) {
    load(order[c])
    for (i = 1; i <= n_case; i++)
      if (applies(case_criteria[i])) pair_hash[++pairs] = hash(audit order[c] case_criteria[i] "tweede")
  }
  for (i = 1; i <= pairs; i++)
    for (j = i + 1; j <= pairs; j++)
      if (pair_hash[j] < pair_hash[i]) { t = pair_hash[i]; pair_hash[i] = pair_hash[j]; pair_hash[j] = t }
  threshold = pair_hash[3 <= pairs ? 3 : pairs]
  for (c = 1; c <= 5 && c <= n; c++) {
    id = order[c]
    load(id)
    for (i = 1; i <= n_case; i++) {
      k = case_criteria[i]
      if (!applies(k)) continue
      a = first[id, k]
      b = a
      if (hash(audit id k "tweede") <= threshold) {
        if (a == "nvt") b = "voldoet"
        else b = (a == "voldoet") ? "voldoet_niet" : "voldoet"
      }
      row(scores, id, k, b, note_of(k, b, audit id k "b"), insp_b)
      if (b != a) {
        agreed = (chance(audit id k "overleg") < 0.5) ? a : b
        row(reconcile, id, k, agreed, reconcile_note[agreed], insp_a)
      }
    }
  }
}
