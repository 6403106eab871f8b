#!/usr/bin/env python3
"""Political-party rows of lexicons/entities/organizations.tsv.

Source: Party Facts, import/wikipedia/wikidata.csv (hdigital/partyfactsdata, 2026-03-11), MIT;
Döring & Regel (2019), "Party Facts: A database of political parties worldwide", Party Politics 25(2).
A copy is in ../shared/data/partyfacts_wikidata.csv.

Party Facts was used to pick newsworthy parties and their Wikidata QIDs. The list below is curated by
hand: only parties that wire copy names, English canonical forms as AP/Reuters write them, and
per-language forms typed by editors. Parties not in Party Facts carry an `x-` slug instead of a QID.

Re-run (from the repository root):

    python3 lexicons/scripts/parties.py --check      # verify QIDs against Party Facts, print diffs
    python3 lexicons/scripts/parties.py --write      # replace all `party` rows in organizations.tsv

`--write` keeps every non-party row of organizations.tsv as it is, drops the `party` rows and
writes the rows generated from PARTIES below, then sorts the file into canonical order.
Optional: --partyfacts PATH (default: ../shared/data/partyfacts_wikidata.csv next to the repo,
or /work/shared/data/partyfacts_wikidata.csv).

Line format of PARTIES: `ID ;; en: Canonical|alias|alias ;; id: Canonical|alias ;; es: ...`
"""
import csv
import os
import sys
import unicodedata

PARTIES = r"""
# --- United States
Q29552 ;; en: Democratic Party|Democrats ;; id: Partai Demokrat|Demokrat ;; es: Partido Demócrata|demócratas ;; fr: Parti démocrate|démocrates ;; de: Demokratische Partei|Demokraten
Q29468 ;; en: Republican Party|Republicans|GOP|Grand Old Party ;; id: Partai Republik|Republik|GOP ;; es: Partido Republicano|republicanos ;; fr: Parti républicain|républicains ;; de: Republikanische Partei|Republikaner
Q558334 ;; en: Libertarian Party ;; id: Partai Libertarian
# --- United Kingdom / Ireland
Q9630 ;; en: Labour Party|Labour ;; id: Partai Buruh ;; es: Partido Laborista|laboristas ;; fr: Parti travailliste|travaillistes ;; de: Labour-Partei|Labour Party|Labour
Q9626 ;; en: Conservative Party|Conservatives|Tories|Tory Party ;; id: Partai Konservatif ;; es: Partido Conservador|conservadores ;; fr: Parti conservateur|conservateurs ;; de: Konservative Partei|Konservative|Tories
Q9624 ;; en: Liberal Democrats|Lib Dems ;; id: Liberal Democrats|Partai Liberal Demokrat
Q104721252 ;; en: Reform UK ;; id: Reform UK
Q10658 ;; en: Scottish National Party|SNP ;; id: Partai Nasional Skotlandia|SNP
Q215519 ;; en: Democratic Unionist Party|DUP ;; id: Democratic Unionist Party|DUP
Q76382 ;; en: Sinn Féin|Sinn Fein ;; id: Sinn Féin|Sinn Fein
Q10691 ;; en: Plaid Cymru ;; id: Plaid Cymru
Q9669 ;; en: Green Party of England and Wales|Green Party|Greens ;; id: Partai Hijau Inggris dan Wales|Partai Hijau
Q10647 ;; en: UK Independence Party|UKIP ;; id: UKIP
Q216517 ;; en: Fianna Fáil|Fianna Fail ;; id: Fianna Fáil|Fianna Fail
Q247135 ;; en: Fine Gael ;; id: Fine Gael
# --- Germany
Q49762 ;; en: Christian Democratic Union|CDU|Christian Democrats ;; id: Uni Demokratik Kristen|CDU ;; es: Unión Demócrata Cristiana|CDU ;; fr: Union chrétienne-démocrate|CDU ;; de: Christlich Demokratische Union Deutschlands|CDU|Christlich Demokratische Union
Q49763 ;; en: Christian Social Union|CSU ;; id: Uni Sosial Kristen|CSU ;; de: Christlich-Soziale Union in Bayern|CSU|Christlich-Soziale Union
Q708725 ;; en: CDU/CSU|Union bloc ;; id: CDU/CSU ;; de: CDU/CSU|Union|Unionsparteien
Q49768 ;; en: Social Democratic Party|SPD|Social Democrats ;; id: Partai Sosial Demokrat|SPD ;; es: Partido Socialdemócrata|SPD ;; fr: Parti social-démocrate|SPD ;; de: Sozialdemokratische Partei Deutschlands|SPD
Q6721203 ;; en: Alternative for Germany|AfD ;; id: Alternatif untuk Jerman|AfD ;; es: Alternativa para Alemania|AfD ;; fr: Alternative pour l'Allemagne|AfD ;; de: Alternative für Deutschland|AfD
Q49766 ;; en: Greens|Alliance 90/The Greens|Green Party ;; id: Partai Hijau ;; de: Bündnis 90/Die Grünen|Die Grünen|Grüne
Q13124 ;; en: Free Democratic Party|FDP|Free Democrats|Free Democrat Party ;; id: Partai Demokrat Bebas|FDP ;; de: Freie Demokratische Partei|FDP
Q49764 ;; en: Left Party|The Left|Die Linke ;; id: Die Linke ;; de: Die Linke|Linke|Linkspartei
x-bsw ;; en: Sahra Wagenknecht Alliance|BSW ;; id: Aliansi Sahra Wagenknecht|BSW ;; de: Bündnis Sahra Wagenknecht|BSW
# --- France
Q205150 ;; en: National Rally|RN|Rassemblement National ;; id: Rassemblement National|RN|National Rally ;; es: Agrupación Nacional|Reagrupamiento Nacional|RN ;; fr: Rassemblement national|RN ;; de: Rassemblement National|RN
Q27978402 ;; en: France Unbowed|LFI|La France Insoumise ;; id: La France Insoumise|LFI ;; fr: La France insoumise|LFI
Q23731823 ;; en: Renaissance|La République En Marche|LREM ;; id: Renaissance|La République En Marche ;; fr: Renaissance|La République en marche|LREM
Q20012759 ;; en: The Republicans|Les Républicains|LR ;; id: Les Républicains|LR ;; fr: Les Républicains|LR
Q170972 ;; en: Socialist Party|PS ;; id: Partai Sosialis|PS ;; fr: Parti socialiste|PS
Q587370 ;; en: Democratic Movement|MoDem ;; id: MoDem ;; fr: Mouvement démocrate|MoDem
Q192821 ;; en: French Communist Party|PCF ;; id: Partai Komunis Prancis|PCF ;; fr: Parti communiste français|PCF
# --- Italy
Q1757843 ;; en: Brothers of Italy|Fratelli d'Italia|FdI ;; id: Brothers of Italy|Fratelli d'Italia ;; es: Hermanos de Italia|Fratelli d'Italia ;; fr: Frères d'Italie|Fratelli d'Italia ;; de: Fratelli d'Italia|Brüder Italiens
x-lega ;; en: League|Lega|Northern League ;; id: Liga|Lega ;; de: Lega
Q14924303 ;; en: Forza Italia ;; id: Forza Italia ;; de: Forza Italia
Q47729 ;; en: Democratic Party|PD|Partito Democratico ;; id: Partai Demokrat|Partito Democratico
Q47817 ;; en: Five Star Movement|M5S ;; id: Gerakan Bintang Lima|M5S ;; fr: Mouvement 5 étoiles|M5S ;; de: Fünf-Sterne-Bewegung|M5S
Q67785862 ;; en: Italia Viva ;; id: Italia Viva
# --- Spain
Q138198 ;; en: Spanish Socialist Workers' Party|PSOE|Socialist Party ;; id: PSOE|Partai Sosialis ;; es: Partido Socialista Obrero Español|PSOE ;; fr: Parti socialiste ouvrier espagnol|PSOE ;; de: PSOE|Sozialistische Arbeiterpartei Spaniens
Q185088 ;; en: People's Party|PP|Popular Party ;; id: Partai Rakyat|PP ;; es: Partido Popular|PP ;; fr: Parti populaire|PP ;; de: Partido Popular|Volkspartei|PP
Q15630787 ;; en: Vox ;; id: Vox ;; es: Vox ;; fr: Vox ;; de: Vox
Q16059622 ;; en: Podemos ;; id: Podemos ;; es: Podemos
x-sumar ;; en: Sumar ;; id: Sumar ;; es: Sumar
x-junts ;; en: Junts per Catalunya|Junts|Together for Catalonia ;; id: Junts per Catalunya|Junts ;; es: Junts per Catalunya|Junts
x-erc ;; en: Republican Left of Catalonia|ERC|Esquerra Republicana ;; id: ERC ;; es: Esquerra Republicana de Catalunya|ERC
x-pnv ;; en: Basque Nationalist Party|PNV ;; id: PNV ;; es: Partido Nacionalista Vasco|PNV
x-eh-bildu ;; en: EH Bildu|Bildu ;; id: EH Bildu ;; es: EH Bildu|Bildu
# --- Benelux, Nordics, Austria, Portugal, Greece
Q332739 ;; en: Party for Freedom|PVV|Freedom Party ;; id: Partai untuk Kebebasan|PVV ;; de: Partei für die Freiheit|PVV
Q239333 ;; en: People's Party for Freedom and Democracy|VVD ;; id: VVD
x-d66 ;; en: Democrats 66|D66 ;; id: D66
x-nsc-nl ;; en: New Social Contract|NSC ;; id: NSC
x-glpvda ;; en: GreenLeft–Labour Party|GroenLinks–PvdA|GL-PvdA ;; id: GroenLinks-PvdA
x-bbb ;; en: Farmer–Citizen Movement|BBB|BoerBurgerBeweging ;; id: BBB
x-n-va ;; en: New Flemish Alliance|N-VA ;; id: N-VA
x-vlaams-belang ;; en: Vlaams Belang ;; id: Vlaams Belang
Q105112 ;; en: Social Democrats|Swedish Social Democratic Party ;; id: Partai Sosial Demokrat Swedia
Q504069 ;; en: Sweden Democrats ;; id: Sweden Democrats|Demokrat Swedia
x-moderates-se ;; en: Moderate Party|Moderates ;; id: Partai Moderat
x-finns-party ;; en: Finns Party ;; id: Partai Finlandia|Finns Party
Q190219 ;; en: Labour Party|Norwegian Labour Party ;; id: Partai Buruh Norwegia
x-fpo ;; en: Freedom Party|FPÖ|FPO|Freedom Party of Austria ;; id: Partai Kebebasan Austria|FPÖ ;; de: Freiheitliche Partei Österreichs|FPÖ
Q186867 ;; en: Austrian People's Party|People's Party|ÖVP|OVP ;; id: Partai Rakyat Austria|ÖVP ;; de: Österreichische Volkspartei|ÖVP|Volkspartei
Q179111 ;; en: Social Democratic Party of Austria|Social Democrats|SPÖ|SPO ;; id: Partai Sosial Demokrat Austria|SPÖ ;; de: Sozialdemokratische Partei Österreichs|SPÖ
Q847263 ;; en: Socialist Party|PS ;; id: Partai Sosialis ;; pt: Partido Socialista|PS
Q595575 ;; en: Social Democratic Party|PSD ;; id: Partai Sosial Demokrat ;; pt: Partido Social Democrata|PSD
Q63645885 ;; en: Chega ;; id: Chega
Q223153 ;; en: New Democracy|ND ;; id: Demokrasi Baru|Nea Dimokratia ;; de: Nea Dimokratia
Q222897 ;; en: Syriza|SYRIZA ;; id: Syriza ;; de: Syriza
x-pasok ;; en: PASOK|Panhellenic Socialist Movement ;; id: PASOK
# --- Central and Eastern Europe
Q156874 ;; en: Law and Justice|PiS ;; id: Partai Hukum dan Keadilan|PiS ;; es: Ley y Justicia|PiS ;; fr: Droit et justice|PiS ;; de: Recht und Gerechtigkeit|PiS
Q156868 ;; en: Civic Platform|PO ;; id: Platform Sipil|PO ;; de: Bürgerplattform|PO
x-civic-coalition-pl ;; en: Civic Coalition|KO ;; id: Koalisi Sipil|KO ;; de: Bürgerkoalition|KO
x-konfederacja ;; en: Confederation|Konfederacja|Confederation Liberty and Independence ;; id: Konfederacja
Q218477 ;; en: Polish People's Party|PSL ;; id: PSL
Q387006 ;; en: Fidesz ;; id: Fidesz ;; es: Fidesz ;; fr: Fidesz ;; de: Fidesz
x-tisza ;; en: Tisza|Tisza Party|Respect and Freedom Party ;; id: Partai Tisza|Tisza ;; de: Tisza|Tisza-Partei
Q633442 ;; en: Jobbik ;; id: Jobbik
x-ano ;; en: ANO|ANO 2011 ;; id: ANO
x-smer ;; en: Smer|Smer-SD|Direction – Social Democracy ;; id: Smer
x-progressive-slovakia ;; en: Progressive Slovakia|PS ;; id: Progressive Slovakia
x-pas-md ;; en: Party of Action and Solidarity|PAS ;; id: Partai Aksi dan Solidaritas|PAS
x-sns ;; en: Serbian Progressive Party|SNS ;; id: Partai Progresif Serbia|SNS
Q752435 ;; en: Social Democratic Party|PSD ;; id: Partai Sosial Demokrat|PSD
x-aur ;; en: Alliance for the Union of Romanians|AUR ;; id: AUR
x-pnl ;; en: National Liberal Party|PNL ;; id: Partai Liberal Nasional|PNL
x-georgian-dream ;; en: Georgian Dream ;; id: Georgian Dream|Impian Georgia ;; de: Georgischer Traum
x-civil-contract ;; en: Civil Contract ;; id: Civil Contract|Kontrak Sipil
x-epp ;; en: European People's Party|EPP ;; id: Partai Rakyat Eropa|EPP ;; de: Europäische Volkspartei|EVP ;; fr: Parti populaire européen|PPE ;; es: Partido Popular Europeo|PPE
# --- Russia, Ukraine
Q151469 ;; en: United Russia ;; id: Rusia Bersatu ;; es: Rusia Unida ;; fr: Russie unie ;; de: Einiges Russland
Q192187 ;; en: Communist Party of the Russian Federation|Communist Party|CPRF|KPRF ;; id: Partai Komunis Federasi Rusia|KPRF
Q210692 ;; en: A Just Russia|A Just Russia – For Truth ;; id: Rusia yang Adil
x-ldpr ;; en: Liberal Democratic Party of Russia|LDPR ;; id: Partai Demokrat Liberal Rusia|LDPR
Q52292915 ;; en: Servant of the People ;; id: Pelayan Rakyat ;; de: Diener des Volkes ;; fr: Serviteur du peuple
Q4349891 ;; en: European Solidarity ;; id: Solidaritas Eropa
Q45376 ;; en: Batkivshchyna|Fatherland ;; id: Batkivshchyna
Q4127627 ;; en: Opposition Platform – For Life|Opposition Platform|OPZZh ;; id: Platform Oposisi – Untuk Kehidupan
# --- Turkey
Q19077 ;; en: Justice and Development Party|AKP|AK Party ;; id: Partai Keadilan dan Pembangunan|AKP ;; es: Partido de la Justicia y el Desarrollo|AKP ;; fr: Parti de la justice et du développement|AKP ;; de: Partei für Gerechtigkeit und Aufschwung|AKP
Q19079 ;; en: Republican People's Party|CHP ;; id: Partai Rakyat Republik|CHP ;; es: Partido Republicano del Pueblo|CHP ;; fr: Parti républicain du peuple|CHP ;; de: Republikanische Volkspartei|CHP
Q251077 ;; en: Nationalist Movement Party|MHP ;; id: Partai Gerakan Nasionalis|MHP ;; de: Partei der Nationalistischen Bewegung|MHP
Q42313794 ;; en: Good Party|IYI Party|İYİ Party ;; id: Partai Iyi|Partai Baik|IYI
x-dem-party ;; en: Peoples' Equality and Democracy Party|DEM Party ;; id: Partai DEM|DEM Party
Q15123187 ;; en: Peoples' Democratic Party|HDP ;; id: Partai Demokratik Rakyat|HDP
# --- Israel and Palestine
Q187009 ;; en: Likud ;; id: Likud|Partai Likud ;; es: Likud ;; fr: Likoud|Likud ;; de: Likud
Q622716 ;; en: Yesh Atid ;; id: Yesh Atid ;; es: Yesh Atid ;; fr: Yesh Atid ;; de: Jesch Atid|Yesh Atid
Q514442 ;; en: Yisrael Beiteinu|Yisrael Beytenu|Israel Beytenu ;; id: Yisrael Beiteinu ;; de: Israel Beitenu|Jisra'el Beitenu
Q904635 ;; en: Shas ;; id: Shas ;; fr: Shass|Shas ;; de: Schas|Shas
Q1466053 ;; en: United Torah Judaism|UTJ ;; id: Yudaisme Torah Bersatu|United Torah Judaism
Q46559 ;; en: Otzma Yehudit|Jewish Power|Otzma Yehudit party ;; id: Otzma Yehudit|Kekuatan Yahudi ;; fr: Otzma Yehudit|Force juive ;; de: Otzma Jehudit|Jüdische Stärke
x-religious-zionism ;; en: Religious Zionist Party|Religious Zionism ;; id: Partai Zionis Religius|Zionisme Religius ;; fr: Parti sioniste religieux|Sionisme religieux ;; de: Religiöser Zionismus|Religiös-Zionistische Partei
x-national-unity-il ;; en: National Unity|National Unity party ;; id: Persatuan Nasional ;; de: Nationale Einheit
Q210703 ;; en: Labor Party|Israeli Labor Party|Labor ;; id: Partai Buruh Israel|Partai Buruh
x-the-democrats-il ;; en: The Democrats ;; id: The Democrats
Q239951 ;; en: Meretz ;; id: Meretz
Q339706 ;; en: Hadash ;; id: Hadash
Q143719 ;; en: Balad ;; id: Balad
Q249078 ;; en: United Arab List|Ra'am|Raam ;; id: Daftar Arab Bersatu|Ra'am
Q2099890 ;; en: Ta'al ;; id: Ta'al
Q18913555 ;; en: Joint List ;; id: Daftar Bersama|Joint List
Q61788155 ;; en: Blue and White ;; id: Biru dan Putih|Blue and White
Q178888 ;; en: Fatah ;; id: Fatah ;; es: Fatah|Al Fatah ;; fr: Fatah ;; de: Fatah
Q1989200 ;; en: Palestinian People's Party ;; id: Partai Rakyat Palestina
Q2030725 ;; en: Palestinian National Initiative|Al-Mubadara ;; id: Inisiatif Nasional Palestina|Al-Mubadara
Q818618 ;; en: Democratic Front for the Liberation of Palestine|DFLP ;; id: Front Demokratik untuk Pembebasan Palestina|DFLP ;; es: Frente Democrático para la Liberación de Palestina|FDLP ;; fr: Front démocratique pour la libération de la Palestine|FDLP ;; de: Demokratische Front zur Befreiung Palästinas|DFLP
# --- Arab world, Iran
Q452670 ;; en: Amal Movement|Amal ;; id: Gerakan Amal|Amal ;; es: Amal ;; fr: Amal ;; de: Amal
Q1146346 ;; en: Lebanese Forces ;; id: Pasukan Lebanon|Lebanese Forces
Q1454007 ;; en: Free Patriotic Movement|FPM ;; id: Gerakan Patriotik Bebas
Q502276 ;; en: Kataeb Party|Kataeb|Phalange ;; id: Partai Kataeb
Q113104 ;; en: Progressive Socialist Party|PSP ;; id: Partai Sosialis Progresif
Q228720 ;; en: Future Movement ;; id: Gerakan Masa Depan
Q3291634 ;; en: Sadrist Movement|Sadrists ;; id: Gerakan Sadr|Sadrist
Q1048242 ;; en: Islamic Dawa Party|Dawa Party ;; id: Partai Dakwah Islam|Partai Dawa
Q781221 ;; en: Kurdistan Democratic Party|KDP ;; id: Partai Demokrat Kurdistan|KDP
Q677505 ;; en: Patriotic Union of Kurdistan|PUK ;; id: Persatuan Patriotik Kurdistan|PUK
Q1971776 ;; en: State of Law Coalition ;; id: Koalisi Negara Hukum
Q1674114 ;; en: Islamic Action Front|IAF ;; id: Front Aksi Islam|IAF
Q685715 ;; en: Freedom and Justice Party ;; id: Partai Kebebasan dan Keadilan
Q20982186 ;; en: Nation's Future Party|Mostaqbal Watan ;; id: Partai Masa Depan Bangsa|Mostaqbal Watan
Q210461 ;; en: Nour Party|Al-Nour Party ;; id: Partai Al-Nour|Partai Nour
Q692022 ;; en: Ennahda|Ennahda Movement|Ennahdha ;; id: Ennahda|Gerakan Ennahda ;; fr: Ennahdha|Ennahda
Q18205783 ;; en: Free Destourian Party|PDL ;; id: Partai Destour Bebas
Q16243030 ;; en: Baath Party|Ba'ath Party|Arab Socialist Baath Party ;; id: Partai Baath|Partai Ba'ath ;; es: Partido Baaz|Baaz ;; fr: Parti Baas|Baas ;; de: Baath-Partei
Q285388 ;; en: Al-Islah|Islah Party|Islah ;; id: Partai Islah|Al-Islah
Q1460677 ;; en: General People's Congress|GPC ;; id: Kongres Rakyat Umum|GPC
# --- South Asia
Q10230 ;; en: Bharatiya Janata Party|BJP ;; id: Partai Bharatiya Janata|BJP ;; es: Partido Popular Indio|BJP ;; fr: Parti du peuple indien|BJP ;; de: Bharatiya Janata Party|BJP|Indische Volkspartei
Q10225 ;; en: Indian National Congress|Congress|Congress party|INC ;; id: Kongres Nasional India|Partai Kongres ;; es: Congreso Nacional Indio|Partido del Congreso ;; fr: Congrès national indien|Parti du Congrès ;; de: Indischer Nationalkongress|Kongresspartei
Q129844 ;; en: Aam Aadmi Party|AAP ;; id: Aam Aadmi Party|AAP
Q912899 ;; en: Trinamool Congress|All India Trinamool Congress|TMC|AITC ;; id: Trinamool Congress|TMC
Q1546941 ;; en: Samajwadi Party|SP ;; id: Samajwadi Party
Q803681 ;; en: Bahujan Samaj Party|BSP ;; id: Bahujan Samaj Party|BSP
Q1255973 ;; en: Dravida Munnetra Kazhagam|DMK ;; id: DMK|Dravida Munnetra Kazhagam
Q651141 ;; en: All India Anna Dravida Munnetra Kazhagam|AIADMK ;; id: AIADMK
Q234277 ;; en: Communist Party of India (Marxist)|CPI(M)|CPI-M|CPM ;; id: Partai Komunis India (Marxis)|CPI(M)
Q904827 ;; en: Janata Dal (United)|JD(U)|JDU ;; id: Janata Dal (United)|JD(U)
Q3176919 ;; en: Rashtriya Janata Dal|RJD ;; id: Rashtriya Janata Dal|RJD
Q2279320 ;; en: Telugu Desam Party|TDP ;; id: Telugu Desam Party|TDP
Q8046035 ;; en: YSR Congress Party|YSRCP ;; id: YSR Congress Party|YSRCP
Q59177 ;; en: Shiv Sena ;; id: Shiv Sena
Q1561861 ;; en: Nationalist Congress Party|NCP ;; id: Nationalist Congress Party|NCP
Q284454 ;; en: Pakistan Tehreek-e-Insaf|PTI|Pakistan Tehrik-e-Insaf ;; id: Pakistan Tehreek-e-Insaf|PTI|Partai Gerakan Keadilan Pakistan ;; es: Movimiento por la Justicia de Pakistán|PTI ;; de: Pakistan Tehreek-e-Insaf|PTI
Q799577 ;; en: Pakistan Muslim League-Nawaz|PML-N|Pakistan Muslim League (N) ;; id: Liga Muslim Pakistan-Nawaz|PML-N
Q186591 ;; en: Pakistan Peoples Party|PPP ;; id: Partai Rakyat Pakistan|PPP
Q3133587 ;; en: Jamiat Ulema-e-Islam|JUI|JUI-F ;; id: Jamiat Ulema-e-Islam|JUI
Q1281480 ;; en: Awami League|Bangladesh Awami League ;; id: Liga Awami|Awami League
Q496810 ;; en: Bangladesh Nationalist Party|BNP ;; id: Partai Nasionalis Bangladesh|BNP
Q2475664 ;; en: Jamaat-e-Islami|Bangladesh Jamaat-e-Islami ;; id: Jamaat-e-Islami
# --- Indonesia
Q1186306 ;; en: Indonesian Democratic Party of Struggle|PDI-P|PDIP|PDI Perjuangan ;; id: Partai Demokrasi Indonesia Perjuangan|PDI-P|PDIP|PDI Perjuangan
Q1536552 ;; en: Golkar|Golkar Party|Party of Functional Groups ;; id: Partai Golongan Karya|Golkar|Partai Golkar
Q4261459 ;; en: Gerindra|Gerindra Party|Great Indonesia Movement Party ;; id: Partai Gerakan Indonesia Raya|Gerindra|Partai Gerindra
Q1511101 ;; en: Prosperous Justice Party|PKS ;; id: Partai Keadilan Sejahtera|PKS
Q1257317 ;; en: National Awakening Party|PKB ;; id: Partai Kebangkitan Bangsa|PKB
Q4207219 ;; en: NasDem Party|NasDem|National Democratic Party ;; id: Partai NasDem|NasDem|Partai Nasional Demokrat
Q2434365 ;; en: National Mandate Party|PAN ;; id: Partai Amanat Nasional|PAN
Q1186227 ;; en: Democratic Party|Demokrat Party|Partai Demokrat ;; id: Partai Demokrat|Demokrat
Q2669302 ;; en: United Development Party|PPP ;; id: Partai Persatuan Pembangunan|PPP
Q4262041 ;; en: Hanura|Hanura Party|People's Conscience Party ;; id: Partai Hati Nurani Rakyat|Hanura|Partai Hanura
x-psi-id ;; en: Indonesian Solidarity Party|PSI ;; id: Partai Solidaritas Indonesia|PSI
x-perindo ;; en: Perindo|Perindo Party|Indonesian Unity Party ;; id: Partai Persatuan Indonesia|Perindo|Partai Perindo
Q157744 ;; en: Communist Party of Indonesia|PKI|Indonesian Communist Party ;; id: Partai Komunis Indonesia|PKI
# --- Southeast Asia
Q1668154 ;; en: United Malays National Organisation|UMNO ;; id: Organisasi Nasional Melayu Bersatu|UMNO
Q1547025 ;; en: Malaysian Islamic Party|PAS|Pan-Malaysian Islamic Party|Parti Islam Se-Malaysia ;; id: Partai Islam Se-Malaysia|PAS
Q1756601 ;; en: People's Justice Party|PKR|Parti Keadilan Rakyat ;; id: Partai Keadilan Rakyat|PKR|Parti Keadilan Rakyat
Q1185837 ;; en: Democratic Action Party|DAP ;; id: Partai Aksi Demokratik|DAP
Q26871088 ;; en: Malaysian United Indigenous Party|Bersatu|PPBM|Parti Pribumi Bersatu Malaysia ;; id: Partai Pribumi Bersatu Malaysia|Bersatu|PPBM
Q808210 ;; en: Barisan Nasional|BN|National Front ;; id: Barisan Nasional|BN
x-pakatan-harapan ;; en: Pakatan Harapan|PH|Alliance of Hope ;; id: Pakatan Harapan|PH
x-perikatan-nasional ;; en: Perikatan Nasional|PN|National Alliance ;; id: Perikatan Nasional|PN
Q4919308 ;; en: National Trust Party|Amanah|Parti Amanah Negara ;; id: Partai Amanah Negara|Amanah
Q1886920 ;; en: Malaysian Chinese Association|MCA ;; id: Malaysian Chinese Association|MCA
Q371395 ;; en: People's Action Party|PAP ;; id: Partai Aksi Rakyat|PAP
x-workers-party-sg ;; en: Workers' Party ;; id: Partai Pekerja
Q7140531 ;; en: PDP-Laban|Partido Demokratiko Pilipino–Lakas ng Bayan ;; id: PDP-Laban
Q1476937 ;; en: Liberal Party ;; id: Partai Liberal
Q302210 ;; en: Nacionalista Party ;; id: Partai Nacionalista
Q6474567 ;; en: Lakas–CMD|Lakas-CMD ;; id: Lakas-CMD
x-pfp-ph ;; en: Partido Federal ng Pilipinas|PFP ;; id: Partido Federal ng Pilipinas|PFP
Q1142913 ;; en: Pheu Thai Party|Pheu Thai ;; id: Partai Pheu Thai|Pheu Thai
Q855111 ;; en: Bhumjaithai Party|Bhumjaithai ;; id: Partai Bhumjaithai|Bhumjaithai
Q55077745 ;; en: Palang Pracharath Party|Palang Pracharath ;; id: Partai Palang Pracharath
Q1186248 ;; en: Democrat Party ;; id: Partai Demokrat
x-move-forward ;; en: Move Forward Party|Move Forward ;; id: Partai Move Forward|Partai Bergerak Maju
x-peoples-party-th ;; en: People's Party ;; id: Partai Rakyat
x-utn ;; en: United Thai Nation Party|United Thai Nation|Ruam Thai Sang Chart ;; id: Partai Ruam Thai Sang Chart|United Thai Nation
Q849603 ;; en: National League for Democracy|NLD ;; id: Liga Nasional untuk Demokrasi|NLD ;; es: Liga Nacional para la Democracia|LND ;; fr: Ligue nationale pour la démocratie|LND ;; de: Nationale Liga für Demokratie|NLD
Q1318070 ;; en: Union Solidarity and Development Party|USDP ;; id: Partai Solidaritas dan Pembangunan Persatuan|USDP
Q769308 ;; en: Cambodian People's Party|CPP ;; id: Partai Rakyat Kamboja|CPP
Q427325 ;; en: Communist Party of Vietnam|Vietnamese Communist Party|CPV ;; id: Partai Komunis Vietnam
Q756180 ;; en: Lao People's Revolutionary Party|LPRP ;; id: Partai Revolusioner Rakyat Laos
# --- East Asia
Q17427 ;; en: Chinese Communist Party|Communist Party of China|CCP|CPC ;; id: Partai Komunis China|Partai Komunis Tiongkok|PKC ;; es: Partido Comunista de China|Partido Comunista Chino|PCCh ;; fr: Parti communiste chinois|PCC ;; de: Kommunistische Partei Chinas|KPCh
Q31113 ;; en: Kuomintang|KMT|Nationalist Party ;; id: Kuomintang|KMT ;; de: Kuomintang|KMT
Q903822 ;; en: Democratic Progressive Party|DPP ;; id: Partai Progresif Demokratik|DPP ;; de: Demokratische Fortschrittspartei|DPP
x-tpp-tw ;; en: Taiwan People's Party|TPP ;; id: Partai Rakyat Taiwan|TPP
Q49623 ;; en: Workers' Party of Korea|WPK|Korean Workers' Party ;; id: Partai Buruh Korea|Partai Pekerja Korea ;; es: Partido del Trabajo de Corea ;; fr: Parti du travail de Corée ;; de: Partei der Arbeit Koreas
Q15978686 ;; en: Democratic Party of Korea|Democratic Party|DP ;; id: Partai Demokrat Korea|Partai Demokrat
x-people-power-party ;; en: People Power Party|PPP ;; id: Partai Kekuatan Rakyat|PPP
Q232595 ;; en: Liberal Democratic Party|LDP ;; id: Partai Demokrat Liberal|LDP ;; es: Partido Liberal Democrático|PLD ;; fr: Parti libéral-démocrate|PLD ;; de: Liberaldemokratische Partei|LDP
Q1061354 ;; en: Komeito ;; id: Komeito
Q99233271 ;; en: Constitutional Democratic Party of Japan|Constitutional Democratic Party|CDP|CDPJ ;; id: Partai Demokrat Konstitusional Jepang|CDP
x-ishin ;; en: Japan Innovation Party|Nippon Ishin no Kai|Ishin ;; id: Partai Inovasi Jepang|Nippon Ishin no Kai
x-dpfp ;; en: Democratic Party for the People|DPFP ;; id: Partai Demokrat untuk Rakyat|DPFP
x-sanseito ;; en: Sanseito ;; id: Sanseito
Q641600 ;; en: Japanese Communist Party|JCP ;; id: Partai Komunis Jepang|JCP
# --- Oceania, Canada
Q216082 ;; en: Australian Labor Party|Labor|Labor Party|ALP ;; id: Partai Buruh Australia|Partai Buruh
Q241149 ;; en: Liberal Party of Australia|Liberal Party|Liberals ;; id: Partai Liberal Australia|Partai Liberal
Q946040 ;; en: National Party of Australia|Nationals|National Party ;; id: Partai Nasional Australia
Q781486 ;; en: Australian Greens|Greens ;; id: Partai Hijau Australia
Q1585274 ;; en: One Nation|Pauline Hanson's One Nation ;; id: One Nation
Q1048192 ;; en: New Zealand Labour Party|Labour Party|Labour ;; id: Partai Buruh Selandia Baru
Q204716 ;; en: New Zealand National Party|National Party ;; id: Partai Nasional Selandia Baru
x-nz-first ;; en: New Zealand First|NZ First ;; id: NZ First
Q138345 ;; en: Liberal Party of Canada|Liberal Party|Liberals ;; id: Partai Liberal Kanada|Partai Liberal
x-conservative-party-ca ;; en: Conservative Party of Canada|Conservative Party|Conservatives ;; id: Partai Konservatif Kanada
Q130765 ;; en: New Democratic Party|NDP ;; id: Partai Demokrat Baru|NDP
Q735105 ;; en: Bloc Québécois|Bloc Quebecois ;; id: Bloc Québécois
# --- Latin America
Q657089 ;; en: Workers' Party|PT ;; id: Partai Pekerja|PT ;; es: Partido de los Trabajadores|PT ;; pt: Partido dos Trabalhadores|PT
Q111525667 ;; en: Liberal Party|PL ;; id: Partai Liberal|PL ;; pt: Partido Liberal|PL
Q1322751 ;; en: Brazilian Democratic Movement|MDB ;; id: MDB ;; pt: Movimento Democrático Brasileiro|MDB
Q1322897 ;; en: Brazilian Social Democracy Party|PSDB ;; id: PSDB ;; pt: Partido da Social Democracia Brasileira|PSDB
x-uniao-brasil ;; en: União Brasil|Brazil Union ;; id: União Brasil ;; pt: União Brasil
Q1053668 ;; en: Justicialist Party|Peronist party|PJ ;; id: Partai Justisialis|PJ ;; es: Partido Justicialista|PJ
Q1507720 ;; en: Republican Proposal|PRO ;; id: PRO ;; es: Propuesta Republicana|PRO
Q123585 ;; en: Radical Civic Union|UCR ;; id: UCR ;; es: Unión Cívica Radical|UCR
x-la-libertad-avanza ;; en: La Libertad Avanza|Liberty Advances|LLA ;; id: La Libertad Avanza ;; es: La Libertad Avanza|LLA
x-union-por-la-patria ;; en: Union for the Homeland|Unión por la Patria ;; id: Unión por la Patria ;; es: Unión por la Patria
Q15717618 ;; en: Morena|National Regeneration Movement ;; id: Morena|Gerakan Regenerasi Nasional ;; es: Morena|Movimiento Regeneración Nacional
Q851087 ;; en: National Action Party|PAN ;; id: Partai Aksi Nasional|PAN ;; es: Partido Acción Nacional|PAN
Q682969 ;; en: Institutional Revolutionary Party|PRI ;; id: Partai Revolusioner Institusional|PRI ;; es: Partido Revolucionario Institucional|PRI
Q10920094 ;; en: Citizens' Movement|Movimiento Ciudadano ;; id: Movimiento Ciudadano ;; es: Movimiento Ciudadano|MC
Q767010 ;; en: Party of the Democratic Revolution|PRD ;; id: PRD ;; es: Partido de la Revolución Democrática|PRD
Q197864 ;; en: United Socialist Party of Venezuela|PSUV ;; id: Partai Sosialis Bersatu Venezuela|PSUV ;; es: Partido Socialista Unido de Venezuela|PSUV
x-vente-venezuela ;; en: Vente Venezuela ;; id: Vente Venezuela ;; es: Vente Venezuela
x-voluntad-popular ;; en: Popular Will|Voluntad Popular ;; id: Voluntad Popular ;; es: Voluntad Popular
x-pacto-historico ;; en: Historic Pact|Pacto Histórico ;; id: Pacto Histórico ;; es: Pacto Histórico
Q15909095 ;; en: Democratic Center|Centro Democrático ;; id: Centro Democrático ;; es: Centro Democrático
Q939021 ;; en: Colombian Liberal Party|Liberal Party ;; id: Partai Liberal Kolombia ;; es: Partido Liberal Colombiano|Partido Liberal
Q747333 ;; en: Colombian Conservative Party|Conservative Party ;; id: Partai Konservatif Kolombia ;; es: Partido Conservador Colombiano|Partido Conservador
Q823648 ;; en: Socialist Party of Chile|Socialist Party ;; id: Partai Sosialis Chile ;; es: Partido Socialista de Chile|Partido Socialista
Q317952 ;; en: Communist Party of Chile|Communist Party ;; id: Partai Komunis Chile ;; es: Partido Comunista de Chile|Partido Comunista
Q1422826 ;; en: National Renewal|RN ;; id: Renovación Nacional ;; es: Renovación Nacional|RN
Q602131 ;; en: Independent Democratic Union|UDI ;; id: UDI ;; es: Unión Demócrata Independiente|UDI
x-republican-party-cl ;; en: Republican Party|Partido Republicano ;; id: Partai Republik Chile ;; es: Partido Republicano
x-mas-bo ;; en: Movement for Socialism|MAS ;; id: Gerakan untuk Sosialisme|MAS ;; es: Movimiento al Socialismo|MAS
# --- Africa
Q83162 ;; en: African National Congress|ANC ;; id: Kongres Nasional Afrika|ANC ;; es: Congreso Nacional Africano|CNA|ANC ;; fr: Congrès national africain|ANC ;; de: Afrikanischer Nationalkongress|ANC
Q761877 ;; en: Democratic Alliance|DA ;; id: Aliansi Demokratik|DA
Q15613585 ;; en: Economic Freedom Fighters|EFF ;; id: Economic Freedom Fighters|EFF
Q654444 ;; en: Inkatha Freedom Party|IFP ;; id: Partai Kebebasan Inkatha|IFP
x-mk-party ;; en: uMkhonto weSizwe|MK Party|uMkhonto weSizwe Party ;; id: Partai uMkhonto weSizwe|MK
Q510163 ;; en: Freedom Front Plus|FF Plus ;; id: Freedom Front Plus
Q4729266 ;; en: All Progressives Congress|APC ;; id: Kongres Semua Progresif|APC
Q1551163 ;; en: Peoples Democratic Party|PDP ;; id: Partai Demokrat Rakyat|PDP
Q6467449 ;; en: Labour Party|LP ;; id: Partai Buruh
Q1640905 ;; en: Orange Democratic Movement|ODM ;; id: Gerakan Demokrat Oranye|ODM
x-uda-ke ;; en: United Democratic Alliance|UDA ;; id: Aliansi Demokratik Bersatu|UDA
Q27963537 ;; en: Jubilee Party|Jubilee ;; id: Partai Jubilee
Q200875 ;; en: National Democratic Congress|NDC ;; id: Kongres Demokratik Nasional|NDC
Q1148441 ;; en: New Patriotic Party|NPP ;; id: Partai Patriotik Baru|NPP
Q1910161 ;; en: ZANU-PF|Zimbabwe African National Union – Patriotic Front ;; id: ZANU-PF
Q652091 ;; en: Chama Cha Mapinduzi|CCM ;; id: Chama Cha Mapinduzi|CCM
Q382674 ;; en: National Resistance Movement|NRM ;; id: Gerakan Perlawanan Nasional|NRM
x-nup-ug ;; en: National Unity Platform|NUP ;; id: National Unity Platform|NUP
x-prosperity-party ;; en: Prosperity Party ;; id: Partai Kemakmuran
x-tplf ;; en: Tigray People's Liberation Front|TPLF ;; id: Front Pembebasan Rakyat Tigray|TPLF ;; fr: Front de libération du peuple du Tigré|TPLF ;; de: Volksbefreiungsfront von Tigray|TPLF
Q504564 ;; en: Frelimo|FRELIMO ;; id: Frelimo
Q28551 ;; en: MPLA|People's Movement for the Liberation of Angola ;; id: MPLA
x-pastef ;; en: PASTEF|Pastef ;; id: PASTEF
x-rpf ;; en: Rwandan Patriotic Front|RPF ;; id: Front Patriotik Rwanda|RPF
"""

LANG_ORDER = ["en", "id", "es", "fr", "de", "pt"]
HEADER_KEY = ("id", "lang")


def repo_root():
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def parse_parties():
    rows = []
    for n, line in enumerate(PARTIES.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split(";;")]
        ident = parts[0]
        langs = {}
        for p in parts[1:]:
            lang, _, forms = p.partition(":")
            forms = [f.strip() for f in forms.split("|") if f.strip()]
            if lang.strip() in langs:
                sys.exit(f"PARTIES line {n}: duplicate lang {lang}")
            langs[lang.strip()] = forms
        if "en" not in langs or "id" not in langs:
            sys.exit(f"PARTIES line {n}: {ident} needs en and id")
        for lang, forms in langs.items():
            canonical, aliases = forms[0], []
            for a in forms[1:]:
                if a != canonical and a not in aliases:
                    aliases.append(a)
            rows.append([ident, "party", lang, canonical, "|".join(aliases), ""])
    return rows


def load_partyfacts(path):
    by_qid = {}
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            by_qid.setdefault(r["wikidata_id"], []).append(r)
    return by_qid


def find_partyfacts(arg):
    if arg:
        return arg
    for cand in (os.path.join(repo_root(), "..", "shared", "data", "partyfacts_wikidata.csv"),
                 "/work/shared/data/partyfacts_wikidata.csv"):
        if os.path.exists(cand):
            return cand
    return None


def sort_key(row, key_idx):
    vals = [row[i] for i in key_idx]
    return ([v.lower() for v in vals], vals)


def main(argv):
    write = "--write" in argv
    pf_arg = None
    if "--partyfacts" in argv:
        pf_arg = argv[argv.index("--partyfacts") + 1]
    rows = parse_parties()
    pf_path = find_partyfacts(pf_arg)
    if pf_path:
        pf = load_partyfacts(pf_path)
        bad = 0
        for r in rows:
            if r[2] != "en" or not r[0].startswith("Q"):
                continue
            if r[0] not in pf:
                print(f"NOT IN PARTY FACTS: {r[0]} {r[3]}", file=sys.stderr)
                bad += 1
            elif "--check" in argv:
                names = sorted({p["name"] for p in pf[r[0]]})
                countries = sorted({p["country"] for p in pf[r[0]]})
                print(f"{r[0]}\t{r[3]}\t<- {'; '.join(names)} ({','.join(countries)})")
        if bad:
            sys.exit(f"{bad} QIDs not found in Party Facts")
    else:
        print("warning: partyfacts_wikidata.csv not found; QIDs not checked", file=sys.stderr)
    ids = [r[0] for r in rows if r[2] == "en"]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        sys.exit(f"duplicate ids: {sorted(dup)}")
    if not write:
        print(f"{len(ids)} parties, {len(rows)} rows (use --write to update organizations.tsv)",
              file=sys.stderr)
        return
    path = os.path.join(repo_root(), "lexicons", "entities", "organizations.tsv")
    header, body = [], []
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if not line:
                continue
            if line.startswith("#"):
                if not body:
                    header.append(line)
                continue
            fields = line.split("\t")
            if len(fields) > 1 and fields[1] == "party":
                continue
            body.append(fields + [""] * (6 - len(fields)))
    body.extend(unicodedata_nfc(r) for r in rows)
    body.sort(key=lambda r: sort_key(r, (0, 2)))
    with open(path, "w", encoding="utf-8") as f:
        for h in header:
            f.write(h + "\n")
        for r in body:
            while r and r[-1] == "":
                r = r[:-1]
            f.write("\t".join(r) + "\n")
    print(f"wrote {path}: {len(body)} rows ({len(rows)} party rows)", file=sys.stderr)


def unicodedata_nfc(row):
    return [unicodedata.normalize("NFC", v) for v in row]


if __name__ == "__main__":
    main(sys.argv[1:])
