# EPUB writer tests (label: epub).
#
# This file has two lives: included by the top CMakeLists.txt it registers
# the tests; run with `cmake -P` (CMAKE_SCRIPT_MODE_FILE set) it *is* the
# test driver, so every check lives in this one file.

if(CMAKE_SCRIPT_MODE_FILE)
  # ---------------------------------------------------------------- driver
  # Inputs: MODE, OCTAVO, MAKER (test_epub_make), JAVA, EPUBCHECK, SRC, WORK,
  # INPUT, NAME.
  file(REMOVE_RECURSE ${WORK})
  file(MAKE_DIRECTORY ${WORK})
  set(ENV{SOURCE_DATE_EPOCH} 1700000000)
  set(ENV{OCTAVO_DATA_DIR} ${SRC})
  set(MODIFIED "2023-11-14T22:13:20Z")

  # Runs a command; fails the test unless its exit status is WANT.
  # Leaves the output in <prefix>_out / <prefix>_err.
  function(run prefix want)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc STREQUAL "${want}")
      message(FATAL_ERROR "exit ${rc} (wanted ${want}) from: ${ARGN}\n${out}\n${err}")
    endif()
    set(${prefix}_out "${out}" PARENT_SCOPE)
    set(${prefix}_err "${err}" PARENT_SCOPE)
  endfunction()

  # epubcheck must report nothing at all: no fatal, error, warning or info.
  function(epubcheck file)
    if(NOT JAVA OR NOT EXISTS "${EPUBCHECK}")
      message(FATAL_ERROR "epubcheck not found (apt install epubcheck default-jre-headless)")
    endif()
    # A short-lived JVM: C1 only and the serial collector halve epubcheck's
    # CPU time (most of it is JIT warm-up) without changing what it checks.
    execute_process(COMMAND ${JAVA} -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto
                            -jar ${EPUBCHECK} ${file}
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    set(all "${out}\n${err}")
    if(NOT rc EQUAL 0 OR NOT all MATCHES "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos"
       OR all MATCHES "(FATAL|ERROR|WARNING|INFO|USAGE)\\(")
      message(FATAL_ERROR "epubcheck complains about ${file}:\n${all}")
    endif()
    message(STATUS "epubcheck clean: ${file}")
  endfunction()

  function(unzip_to file dir)
    file(MAKE_DIRECTORY ${dir})
    run(uz 0 unzip -q -o ${file} -d ${dir})
  endfunction()

  function(must_contain text what)
    string(FIND "${text}" "${what}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "expected to find '${what}' in:\n${text}")
    endif()
  endfunction()

  function(must_not_contain text what)
    string(FIND "${text}" "${what}" at)
    if(NOT at EQUAL -1)
      message(FATAL_ERROR "did not expect '${what}' in:\n${text}")
    endif()
  endfunction()

  # OCF: the first entry is "mimetype", stored, no extra field, exactly
  # application/epub+zip -- read from zipinfo and from the bytes themselves.
  function(check_mimetype file)
    run(zi 0 zipinfo -v ${file})
    string(FIND "${zi_out}" "Central directory entry #1:" one)
    string(FIND "${zi_out}" "Central directory entry #2:" two)
    math(EXPR n "${two} - ${one}")
    string(SUBSTRING "${zi_out}" ${one} ${n} first)
    must_contain("${first}" "offset of local header from start of archive:   0")
    must_contain("${first}" "compression method:                             none (stored)")
    must_contain("${first}" "length of extra field:                          0 bytes")
    must_contain("${first}" "There is no file comment.")
    must_contain("${first}" "file last modified on (DOS date/time):          2023 Nov 14 22:13:20")
    if(NOT first MATCHES "^Central directory entry #1:\n-+\n\n  mimetype\n")
      message(FATAL_ERROR "first entry is not mimetype:\n${first}")
    endif()
    file(READ ${file} head LIMIT 58 HEX)
    # PK\3\4, method 0 at byte 8, name length 8 and extra length 0 at 26..29,
    # then the name and the 20 content bytes.
    string(SUBSTRING "${head}" 0 8 sig)
    string(SUBSTRING "${head}" 16 4 method)
    string(SUBSTRING "${head}" 52 8 lens)
    string(SUBSTRING "${head}" 60 56 rest)
    string(HEX "mimetypeapplication/epub+zip" want_rest)
    if(NOT sig STREQUAL "504b0304" OR NOT method STREQUAL "0000" OR NOT lens STREQUAL "08000000"
       OR NOT rest STREQUAL want_rest)
      message(FATAL_ERROR "bad mimetype local header: ${head}")
    endif()
  endfunction()

  if(MODE STREQUAL "sample")
    run(o 0 ${OCTAVO} ${INPUT} -o ${WORK}/${NAME}.epub)
    epubcheck(${WORK}/${NAME}.epub)

  elseif(MODE STREQUAL "kitchen")
    # A hand-built tree with every node type and the image cases: two
    # images embedded (one used twice), one broken SVG, one missing, one remote.
    run(k 0 ${MAKER} --ts 1700000000 --base ${SRC}/tests/golden/epub/data --kitchen-sink
        ${WORK}/ks.epub)
    string(REGEX MATCHALL "warning: [^\n]*" warns "${k_err}")
    list(LENGTH warns n)
    if(NOT n EQUAL 3)
      message(FATAL_ERROR "wanted 3 warnings (broken, missing, remote image), got ${n}:\n${k_err}")
    endif()
    must_contain("${k_err}" "broken.svg")
    must_contain("${k_err}" "missing.png")
    must_contain("${k_err}" "https://example.org/remote.jpg")
    check_mimetype(${WORK}/ks.epub)
    unzip_to(${WORK}/ks.epub ${WORK}/x)
    file(GLOB imgs RELATIVE ${WORK}/x/EPUB/images ${WORK}/x/EPUB/images/*)
    list(SORT imgs)
    if(NOT imgs STREQUAL "cover.png;cover.svg;image-001.png;image-002.svg")
      message(FATAL_ERROR "unexpected images: ${imgs}")
    endif()
    file(READ ${WORK}/x/EPUB/ch001.xhtml ch)
    must_contain("${ch}" "<p class=\"image-alt\">A missing picture</p>")
    must_contain("${ch}" "<p class=\"image-alt\">A broken SVG</p>")
    must_contain("${ch}" "<p class=\"image-alt\">A remote picture</p>")
    # characters XML cannot carry (U+0001..U+0003 here) are dropped, not escaped
    must_contain("${ch}" "alt=\"The same picture again\"")
    file(READ ${WORK}/x/EPUB/content.opf opf)
    must_contain("${opf}" "<meta property=\"schema:accessMode\">visual</meta>")
    must_contain("${opf}" "<dc:date>2024-03-03</dc:date>")
    must_contain("${opf}" "<dc:title id=\"subtitle\">A test of every node type</dc:title>")
    epubcheck(${WORK}/ks.epub)

  elseif(MODE STREQUAL "hostile_text")
    # Characters XML cannot hold (C0 and C1 controls, noncharacters such as
    # U+FFFE, surrogates, broken UTF-8) in every field the writer puts into
    # XML: the book must pass epubcheck, no file of it may carry one, and
    # the text around them stays.  Once from a hand-built tree (every
    # field), once through the CLI from Markdown character references and
    # -M values.
    function(no_forbidden_chars dir)
      file(GLOB_RECURSE files ${dir}/*.xhtml ${dir}/*.opf ${dir}/*.ncx ${dir}/*.xml)
      foreach(f ${files})
        file(READ ${f} hex HEX)
        string(REGEX REPLACE "(..)" "\\1 " hex "${hex}")
        set(hex " ${hex}")
        # C0 but tab/LF/CR, DEL, C1, U+FDD0..U+FDEF, U+xFFFE/U+xFFFF,
        # surrogates, and bytes UTF-8 never uses
        foreach(re " (0[0-8]|0b|0c|0e|0f|1[0-9a-f]|7f|c0|c1|f[5-9a-f]) " " c2 [89][0-9a-f] "
                   " ef b7 [9a][0-9a-f] " " ef bf b[ef] " " f[0-4] [89ab]f bf b[ef] "
                   " ed [ab][0-9a-f] ")
          if(hex MATCHES "${re}")
            message(FATAL_ERROR "${f} holds a character XML cannot (bytes ${CMAKE_MATCH_0})")
          endif()
        endforeach()
      endforeach()
    endfunction()
    run(h 0 ${MAKER} --ts 1700000000 --hostile ${WORK}/h.epub)
    epubcheck(${WORK}/h.epub)
    unzip_to(${WORK}/h.epub ${WORK}/h)
    no_forbidden_chars(${WORK}/h)
    file(READ ${WORK}/h/EPUB/toc.ncx ncx)
    must_contain("${ncx}" "<text>Heading one</text>")
    must_contain("${ncx}" "<text>Untitled section</text>")
    must_contain("${ncx}" "<meta name=\"dtb:uid\" content=\"urn:x-test:id\"/>")
    file(READ ${WORK}/h/EPUB/nav.xhtml nav)
    must_contain("${nav}" ">Heading one</a>")
    must_contain("${nav}" ">Untitled section</a>")
    file(READ ${WORK}/h/EPUB/content.opf opf)
    foreach(want "<dc:title id=\"title\">Title</dc:title>" "<dc:title id=\"subtitle\">Subtitle</dc:title>"
                 "<dc:creator id=\"creator\">Author</dc:creator>" "<dc:date>2024-03-03</dc:date>"
                 "<dc:description>Description</dc:description>" "<dc:subject>Subject</dc:subject>")
      must_contain("${opf}" "${want}")
    endforeach()
    file(READ ${WORK}/h/EPUB/ch001.xhtml ch)
    foreach(want "<title>Title</title>" "<h1 id=\"head-ing-one\">Heading one</h1>" "Paragraph <em>Emphasis</em><code>code</code>"
                 "title=\"Linktitle\">Linktext</a>" "<p>Item</p>" "<p>Quotation</p>" "Codeblock"
                 "class=\"language-lang\"" "<td>Cell</td>" "<p class=\"image-alt\">Alt</p>")
      must_contain("${ch}" "${want}")
    endforeach()
    # The CLI: md4c turns &#xFFFE; &#1; ... into the characters themselves.
    set(bad "&#1;&#8;&#x1F;&#x7F;&#x85;&#x9F;&#xFDD0;&#xFFFE;&#xFFFF;&#x1FFFE;&#x10FFFF;")
    file(WRITE ${WORK}/in.md "# Head${bad}ing\n\n"
               "Text${bad}here [link${bad}text](https://example.org/a \"ti${bad}tle\").\n\n"
               "![al${bad}t](nope.png)\n\n## ${bad}\n\nMore.\n")
    string(ASCII 1 27 127 ctl)
    run(c 0 ${OCTAVO} ${WORK}/in.md -o ${WORK}/c.epub -M "author=An${ctl}na" -M
        "subject=Sub${ctl}ject")
    epubcheck(${WORK}/c.epub)
    unzip_to(${WORK}/c.epub ${WORK}/c)
    no_forbidden_chars(${WORK}/c)
    file(READ ${WORK}/c/EPUB/toc.ncx ncx)
    must_contain("${ncx}" "<text>Heading</text>") # the title, from the first heading
    must_contain("${ncx}" "<text>Untitled section</text>")
    file(READ ${WORK}/c/EPUB/ch001.xhtml ch)
    must_contain("${ch}" "Texthere <a href=\"https://example.org/a\" title=\"title\">linktext</a>")
    must_contain("${ch}" "<p class=\"image-alt\">alt</p>")
    file(READ ${WORK}/c/EPUB/content.opf opf)
    must_contain("${opf}" ">Heading</dc:title>")
    must_contain("${opf}" ">Anna</dc:creator>")
    must_contain("${opf}" "<dc:subject>Subject</dc:subject>")

  elseif(MODE STREQUAL "missing_image")
    file(WRITE ${WORK}/in.md "# Pictures\n\nText.\n\n![A missing gauge](nope/gauge.png)\n\n![A remote one](https://example.org/r.png)\n")
    run(m 0 ${OCTAVO} ${WORK}/in.md -o ${WORK}/m.epub)
    must_contain("${m_err}" "nope/gauge.png")
    must_contain("${m_err}" "https://example.org/r.png")
    string(REGEX MATCHALL "gauge.png" hits "${m_err}")
    list(LENGTH hits n)
    if(NOT n EQUAL 1)
      message(FATAL_ERROR "wanted one warning naming the missing image:\n${m_err}")
    endif()
    unzip_to(${WORK}/m.epub ${WORK}/x)
    file(READ ${WORK}/x/EPUB/ch001.xhtml ch)
    must_contain("${ch}" "A missing gauge")
    epubcheck(${WORK}/m.epub)

  elseif(MODE STREQUAL "repro")
    run(a 0 ${OCTAVO} ${INPUT} -o ${WORK}/a.epub)
    run(b 0 ${OCTAVO} ${INPUT} -o ${WORK}/b.epub)
    execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK}/a.epub ${WORK}/b.epub
                    RESULT_VARIABLE same)
    if(NOT same EQUAL 0)
      message(FATAL_ERROR "two runs gave different bytes")
    endif()
    # Zip times are DOS local times; the bytes must not follow the time zone.
    set(ENV{TZ} Asia/Kolkata)
    run(b 0 ${OCTAVO} ${INPUT} -o ${WORK}/tz.epub)
    unset(ENV{TZ})
    execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK}/a.epub ${WORK}/tz.epub
                    RESULT_VARIABLE same)
    if(NOT same EQUAL 0)
      message(FATAL_ERROR "TZ=Asia/Kolkata gave different bytes")
    endif()
    check_mimetype(${WORK}/a.epub)
    unzip_to(${WORK}/a.epub ${WORK}/x)
    file(READ ${WORK}/x/EPUB/content.opf opf)
    string(REGEX MATCHALL "dcterms:modified" mods "${opf}")
    list(LENGTH mods n)
    if(NOT n EQUAL 1)
      message(FATAL_ERROR "wanted exactly one dcterms:modified")
    endif()
    must_contain("${opf}" "<meta property=\"dcterms:modified\">${MODIFIED}</meta>")
    run(zi 0 zipinfo ${WORK}/a.epub)
    must_contain("${zi_out}" "23-Nov-14 22:13 ") # zip times are the epoch's, in UTC
    # Another epoch: another modified date, and only that changes.
    set(ENV{SOURCE_DATE_EPOCH} 1500000000)
    run(c 0 ${OCTAVO} ${INPUT} -o ${WORK}/c.epub)
    unzip_to(${WORK}/c.epub ${WORK}/y)
    file(READ ${WORK}/y/EPUB/content.opf opf2)
    must_contain("${opf2}" "<meta property=\"dcterms:modified\">2017-07-14T02:40:00Z</meta>")
    string(REPLACE "2017-07-14T02:40:00Z" "${MODIFIED}" opf2 "${opf2}")
    if(NOT opf STREQUAL opf2)
      message(FATAL_ERROR "the package changed beyond dcterms:modified")
    endif()

  elseif(MODE STREQUAL "meta")
    run(m 0 ${OCTAVO} ${INPUT} -o ${WORK}/m.epub -M "title=Overridden & Title" -M
        "subtitle=Second Line" -M "author=A. N. Author" -M lang=fr-CA -M date=2021-05-06 -M
        "identifier=urn:isbn:9780306406157" -M "description=About <it>" -M subject=Tests)
    unzip_to(${WORK}/m.epub ${WORK}/x)
    file(READ ${WORK}/x/EPUB/content.opf opf)
    must_contain("${opf}" "unique-identifier=\"uid\" xml:lang=\"fr-CA\"")
    must_contain("${opf}" "<dc:identifier id=\"uid\">urn:isbn:9780306406157</dc:identifier>")
    must_contain("${opf}" "<dc:title id=\"title\">Overridden &amp; Title</dc:title>")
    must_contain("${opf}" "<meta property=\"title-type\" refines=\"#title\">main</meta>")
    must_contain("${opf}" "<dc:title id=\"subtitle\">Second Line</dc:title>")
    must_contain("${opf}" "<meta property=\"title-type\" refines=\"#subtitle\">subtitle</meta>")
    must_contain("${opf}" "<dc:creator id=\"creator\">A. N. Author</dc:creator>")
    must_contain("${opf}" "<dc:language>fr-CA</dc:language>")
    must_contain("${opf}" "<dc:date>2021-05-06</dc:date>")
    must_contain("${opf}" "<dc:description>About &lt;it&gt;</dc:description>")
    must_contain("${opf}" "<dc:subject>Tests</dc:subject>")
    file(READ ${WORK}/x/EPUB/toc.ncx ncx)
    must_contain("${ncx}" "<meta name=\"dtb:uid\" content=\"urn:isbn:9780306406157\"/>")
    file(READ ${WORK}/x/EPUB/ch001.xhtml ch)
    must_contain("${ch}" "lang=\"fr-CA\" xml:lang=\"fr-CA\"")
    file(READ ${WORK}/x/EPUB/titlepage.xhtml tp)
    must_contain("${tp}" "<h1 class=\"title\">Overridden &amp; Title</h1>")
    must_contain("${tp}" "<p class=\"author\">A. N. Author</p>")
    epubcheck(${WORK}/m.epub)
    # Without -M identifier the id is a content-derived urn:uuid (v5) that
    # follows the text, not the run.
    run(u 0 ${OCTAVO} ${INPUT} -o ${WORK}/u.epub -M lang=C)
    must_contain("${u_err}" "'C'")
    unzip_to(${WORK}/u.epub ${WORK}/y)
    file(READ ${WORK}/y/EPUB/content.opf opf)
    must_contain("${opf}" "<dc:language>en</dc:language>")
    if(NOT opf MATCHES "<dc:identifier id=\"uid\">urn:uuid:[0-9a-f]+-[0-9a-f]+-5[0-9a-f]+-[89ab][0-9a-f]+-[0-9a-f]+</dc:identifier>")
      message(FATAL_ERROR "no urn:uuid v5 identifier:\n${opf}")
    endif()
    run(t 0 ${OCTAVO} ${INPUT} -o ${WORK}/t.epub -M "title=Another title")
    unzip_to(${WORK}/t.epub ${WORK}/z)
    file(READ ${WORK}/z/EPUB/content.opf opf3)
    string(REGEX MATCH "urn:uuid:[0-9a-f-]+" id1 "${opf}")
    string(REGEX MATCH "urn:uuid:[0-9a-f-]+" id2 "${opf3}")
    if(id1 STREQUAL id2)
      message(FATAL_ERROR "a different title kept the identifier ${id1}")
    endif()

  elseif(MODE STREQUAL "options")
    set(data ${SRC}/tests/golden/epub/data)
    # --css adds a second stylesheet, linked from every content document.
    run(c 0 ${OCTAVO} ${INPUT} -o ${WORK}/c.epub --css ${data}/user.css --cover ${data}/pic.png)
    unzip_to(${WORK}/c.epub ${WORK}/c)
    execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${data}/user.css
                    ${WORK}/c/EPUB/css/user.css RESULT_VARIABLE d1)
    execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${data}/pic.png
                    ${WORK}/c/EPUB/images/cover.png RESULT_VARIABLE d2)
    if(NOT d1 EQUAL 0 OR NOT d2 EQUAL 0)
      message(FATAL_ERROR "--css or --cover file not packaged as given")
    endif()
    file(GLOB docs ${WORK}/c/EPUB/*.xhtml)
    foreach(d ${docs})
      file(READ ${d} x)
      must_contain("${x}" "href=\"css/user.css\"")
    endforeach()
    file(READ ${WORK}/c/EPUB/content.opf opf)
    must_contain("${opf}" "<meta name=\"cover\" content=\"cover-image\"/>")
    must_contain("${opf}" "href=\"images/cover.png\" media-type=\"image/png\" properties=\"cover-image\"")
    must_contain("${opf}" "<itemref idref=\"cover\"/>")
    epubcheck(${WORK}/c.epub)
    # A cover that is not PNG/JPEG is an error naming the file, and no book.
    run(bad 1 ${OCTAVO} ${INPUT} -o ${WORK}/bad.epub --cover ${data}/drawing.svg)
    must_contain("${bad_err}" "drawing.svg")
    run(bad 1 ${OCTAVO} ${INPUT} -o ${WORK}/bad.epub --cover ${data}/no-such-cover.png)
    must_contain("${bad_err}" "no-such-cover.png")
    if(EXISTS ${WORK}/bad.epub)
      message(FATAL_ERROR "a failed conversion left bad.epub behind")
    endif()
    # --no-cover: no cover image, page, landmark or meta.
    run(n 0 ${OCTAVO} ${INPUT} -o ${WORK}/n.epub --no-cover)
    unzip_to(${WORK}/n.epub ${WORK}/n)
    if(EXISTS ${WORK}/n/EPUB/cover.xhtml OR EXISTS ${WORK}/n/EPUB/images/cover.png)
      message(FATAL_ERROR "--no-cover still packaged a cover")
    endif()
    file(READ ${WORK}/n/EPUB/content.opf opf)
    must_not_contain("${opf}" "cover-image")
    must_not_contain("${opf}" "name=\"cover\"")
    must_not_contain("${opf}" "cover.xhtml")
    file(READ ${WORK}/n/EPUB/nav.xhtml nav)
    must_not_contain("${nav}" "epub:type=\"cover\"")
    epubcheck(${WORK}/n.epub)

  elseif(MODE STREQUAL "structure")
    # Issue 12, items 1, 2, 4, 5: how the article is cut into files, what
    # the contents reach, direction and labels.  Every book passes epubcheck.
    function(book name input)
      run(b 0 ${OCTAVO} ${input} -o ${WORK}/${name}.epub ${ARGN})
      epubcheck(${WORK}/${name}.epub)
      unzip_to(${WORK}/${name}.epub ${WORK}/${name})
    endfunction()
    function(chapters dir want)
      file(GLOB got RELATIVE ${dir}/EPUB ${dir}/EPUB/ch*.xhtml)
      list(LENGTH got n)
      if(NOT n EQUAL want)
        message(FATAL_ERROR "wanted ${want} chapter files in ${dir}, got ${n}: ${got}")
      endif()
    endfunction()
    # The nav's contents entries as "href|label" lines, in order.
    function(toc_entries dir out)
      file(READ ${dir}/EPUB/nav.xhtml nav)
      string(FIND "${nav}" "<nav epub:type=\"landmarks\"" at)
      string(SUBSTRING "${nav}" 0 ${at} toc)
      string(REGEX MATCHALL "<a href=\"[^\"]*\">[^<]*</a>" links "${toc}")
      set(r "")
      foreach(l ${links})
        string(REGEX REPLACE "<a href=\"([^\"]*)\">([^<]*)</a>" "\\1|\\2" e "${l}")
        list(APPEND r "${e}")
      endforeach()
      set(${out} "${r}" PARENT_SCOPE)
    endfunction()

    # A short article is one file; the opening (before the first heading)
    # is the first contents entry, under the title; sections are anchors in
    # that file, and an h3 nests in its h2's list.
    book(short ${SRC}/samples/bus-stop-benches.md)
    chapters(${WORK}/short 1)
    toc_entries(${WORK}/short toc)
    set(want "ch001.xhtml|Benches at the Bus Stop" "ch001.xhtml#asking-first|Asking first"
             "ch001.xhtml#what-the-letter-said|What the letter said"
             "ch001.xhtml#who-signed-it|Who signed it" "ch001.xhtml#building-it|Building it"
             "ch001.xhtml#a-year-later|A year later")
    if(NOT toc STREQUAL "${want}")
      message(FATAL_ERROR "contents of the short article:\n${toc}\nwanted:\n${want}")
    endif()
    file(READ ${WORK}/short/EPUB/nav.xhtml nav)
    must_contain("${nav}" "Asking first</a><ol>\n<li><a href=\"ch001.xhtml#what-the-letter-said\">")
    file(READ ${WORK}/short/EPUB/toc.ncx ncx)
    must_contain("${ncx}" "<text>Benches at the Bus Stop</text>\n      </navLabel>\n      <content src=\"ch001.xhtml\"/>")
    file(READ ${WORK}/short/EPUB/ch001.xhtml ch)
    must_contain("${ch}" "<p>Our street’s bus stop")
    must_contain("${ch}" "<h2 id=\"a-year-later\">")
    must_not_contain("${ch}" "dir=")
    file(READ ${WORK}/short/EPUB/content.opf opf)
    must_contain("${opf}" "<spine toc=\"ncx\">")

    # A long article (over 80,000 bytes of text) is split at its top-level
    # headings; the opening is its own first file, reached from the contents.
    set(para "A paragraph of the long article, long enough that forty of them make a section of some fifteen kilobytes of text, which is what this test needs.")
    string(REPEAT "${para} " 4 para4)
    string(REPEAT "${para4}\n\n" 25 body)
    file(WRITE ${WORK}/long.md "---\ntitle: A Long Article\n---\n\nThe opening words.\n\n")
    foreach(i 1 2 3 4 5 6)
      file(APPEND ${WORK}/long.md "## Part ${i}\n\n${body}### Detail ${i}\n\nMore.\n\n")
    endforeach()
    book(long ${WORK}/long.md)
    chapters(${WORK}/long 7)
    toc_entries(${WORK}/long toc)
    list(GET toc 0 first)
    list(GET toc 1 second)
    list(GET toc 2 third)
    list(LENGTH toc n)
    if(NOT first STREQUAL "ch001.xhtml|A Long Article" OR NOT second STREQUAL "ch002.xhtml#part-1|Part 1"
       OR NOT third STREQUAL "ch002.xhtml#detail-1|Detail 1" OR NOT n EQUAL 13)
      message(FATAL_ERROR "contents of the long article:\n${toc}")
    endif()
    file(READ ${WORK}/long/EPUB/ch001.xhtml ch)
    must_contain("${ch}" "<p>The opening words.</p>")
    must_not_contain("${ch}" "<h2")
    file(READ ${WORK}/long/EPUB/ch007.xhtml ch)
    must_contain("${ch}" "<title>Part 6</title>")

    # An opening of nothing but a scene break makes no file and no entry.
    file(WRITE ${WORK}/hr.md "---\ntitle: Breaks\n---\n\n***\n\n## First\n\nText.\n\n***\n\nMore.\n\n## Second\n\nEnd.\n")
    book(hr ${WORK}/hr.md)
    chapters(${WORK}/hr 1)
    toc_entries(${WORK}/hr toc)
    if(NOT toc STREQUAL "ch001.xhtml#first|First;ch001.xhtml#second|Second")
      message(FATAL_ERROR "contents of the scene-break article:\n${toc}")
    endif()
    file(READ ${WORK}/hr/EPUB/ch001.xhtml ch)
    must_contain("${ch}" "<section class=\"chapter\">\n<h2 id=\"first\">")
    string(REGEX MATCHALL "<hr/>" hrs "${ch}")
    list(LENGTH hrs n)
    if(NOT n EQUAL 1)
      message(FATAL_ERROR "wanted the one scene break between paragraphs, got ${n}:\n${ch}")
    endif()

    # Arabic: right to left on every document and on the spine, labels in
    # Arabic, the opening in the contents, one file.
    book(ar ${SRC}/tests/data/epub/rooftop-garden-ar.html)
    chapters(${WORK}/ar 1)
    file(GLOB docs ${WORK}/ar/EPUB/*.xhtml)
    list(LENGTH docs n)
    if(NOT n EQUAL 4)
      message(FATAL_ERROR "wanted cover, title page, nav and one chapter: ${docs}")
    endif()
    foreach(d ${docs})
      file(READ ${d} x)
      must_contain("${x}" "lang=\"ar\" xml:lang=\"ar\" dir=\"rtl\">")
      if(NOT x MATCHES "<body[^>]* dir=\"rtl\">")
        message(FATAL_ERROR "${d}: no dir=\"rtl\" on <body>")
      endif()
    endforeach()
    file(READ ${WORK}/ar/EPUB/content.opf opf)
    must_contain("${opf}" "<spine toc=\"ncx\" page-progression-direction=\"rtl\">")
    file(READ ${WORK}/ar/EPUB/nav.xhtml nav)
    foreach(want "<title>المحتويات</title>" "<h1>المحتويات</h1>" "<h2>المعالم</h2>"
                 "href=\"cover.xhtml\">الغلاف</a>" "href=\"titlepage.xhtml\">صفحة العنوان</a>"
                 "href=\"nav.xhtml#toc\">المحتويات</a>" "href=\"ch001.xhtml\">بداية النص</a>")
      must_contain("${nav}" "${want}")
    endforeach()
    toc_entries(${WORK}/ar toc)
    list(GET toc 0 first)
    list(LENGTH toc n)
    if(NOT first STREQUAL "ch001.xhtml|حديقة على سطح المدرسة" OR NOT n EQUAL 4)
      message(FATAL_ERROR "contents of the Arabic article:\n${toc}")
    endif()
    file(READ ${WORK}/ar/EPUB/cover.xhtml cover)
    must_contain("${cover}" "aria-label=\"الغلاف: حديقة على سطح المدرسة، بقلم ليلى حداد\"")

    # Labels and direction follow -M lang: Hebrew is right to left too,
    # Sindhi in Devanagari is not; Ukrainian labels; an unknown language
    # gets English.
    foreach(case "he|rtl|תוכן העניינים" "sd-Deva|ltr|Contents" "uk|ltr|Зміст" "fr-CA|ltr|Table des matières"
                 "zh-Hant-TW|ltr|目錄" "ja|ltr|目次" "tlh|ltr|Contents")
      string(REPLACE "|" ";" c "${case}")
      list(GET c 0 lang)
      list(GET c 1 dir)
      list(GET c 2 contents)
      run(l 0 ${OCTAVO} ${SRC}/samples/bus-stop-benches.md -o ${WORK}/l.epub -M lang=${lang})
      file(REMOVE_RECURSE ${WORK}/l)
      unzip_to(${WORK}/l.epub ${WORK}/l)
      file(READ ${WORK}/l/EPUB/nav.xhtml nav)
      must_contain("${nav}" "<h1>${contents}</h1>")
      file(READ ${WORK}/l/EPUB/content.opf opf)
      file(READ ${WORK}/l/EPUB/ch001.xhtml ch)
      if(dir STREQUAL "rtl")
        must_contain("${opf}" "page-progression-direction=\"rtl\"")
        must_contain("${ch}" "dir=\"rtl\"")
      else()
        must_not_contain("${opf}" "page-progression-direction")
        must_not_contain("${ch}" "dir=\"rtl\"")
      endif()
    endforeach()
    epubcheck(${WORK}/l.epub)

  elseif(MODE STREQUAL "calibre")
    # Issue 12 item 10: calibre, which turns EPUBs into Kindle books and
    # text, must not print the hidden landmarks list as text, and must read
    # back the title, authors, language and cover.
    find_program(CONVERT ebook-convert)
    find_program(META ebook-meta)
    if(NOT CONVERT OR NOT META)
      message(FATAL_ERROR "calibre not found (sh scripts/deps.sh test)")
    endif()
    set(ENV{CALIBRE_CONFIG_DIRECTORY} ${WORK}/calibre-config)
    # The text of an element of XML, with the five predefined entities decoded.
    function(xml_text in out)
      string(REPLACE "&lt;" "<" in "${in}")
      string(REPLACE "&gt;" ">" in "${in}")
      string(REPLACE "&quot;" "\"" in "${in}")
      string(REPLACE "&apos;" "'" in "${in}")
      string(REPLACE "&amp;" "&" in "${in}")
      set(${out} "${in}" PARENT_SCOPE)
    endfunction()
    foreach(case "samples/japan-nato-ukraine.txt|eng" "samples/winter-sourdough.md|eng"
                 "tests/data/epub/rooftop-garden-ar.html|ara")
      string(REPLACE "|" ";" c "${case}")
      list(GET c 0 input)
      list(GET c 1 lang3)
      get_filename_component(n ${input} NAME_WE)
      run(o 0 ${OCTAVO} ${SRC}/${input} -o ${WORK}/${n}.epub)
      unzip_to(${WORK}/${n}.epub ${WORK}/${n})
      file(READ ${WORK}/${n}/EPUB/nav.xhtml nav)
      file(READ ${WORK}/${n}/EPUB/content.opf opf)
      # The landmarks' heading and labels, but for the one they share with
      # the visible contents page ("Contents"), which stays visible.
      string(FIND "${nav}" "<nav epub:type=\"landmarks\"" at)
      string(SUBSTRING "${nav}" ${at} -1 marks)
      string(SUBSTRING "${nav}" 0 ${at} toc)
      string(REGEX MATCH "<h1>([^<]*)</h1>" _ "${toc}")
      set(contents "${CMAKE_MATCH_1}")
      string(REGEX MATCH "<h2>([^<]*)</h2>" _ "${marks}")
      set(labels "${CMAKE_MATCH_1}")
      string(REGEX MATCHALL ">[^<>]+</a>" hits "${marks}")
      foreach(h ${hits})
        string(REGEX REPLACE "^>(.*)</a>$" "\\1" l "${h}")
        if(NOT l STREQUAL contents)
          list(APPEND labels "${l}")
        endif()
      endforeach()
      list(LENGTH labels nl)
      if(nl LESS 4)
        message(FATAL_ERROR "found only ${nl} landmark labels in ${n}'s nav: ${labels}")
      endif()

      run(cv 0 ${CONVERT} ${WORK}/${n}.epub ${WORK}/${n}.txt)
      file(READ ${WORK}/${n}.txt txt)
      string(REPLACE "\r" "" txt "\n${txt}\n")
      string(REGEX REPLACE "[ \t]+\n" "\n" txt "${txt}")
      string(REGEX REPLACE "\n[ \t]+" "\n" txt "${txt}")
      must_contain("${txt}" "\n${contents}\n") # the visible contents page is kept
      foreach(l ${labels})
        xml_text("${l}" l)
        must_not_contain("${txt}" "\n${l}\n")
      endforeach()

      run(m 0 ${META} ${WORK}/${n}.epub --to-opf=${WORK}/${n}-meta.opf
          --get-cover=${WORK}/${n}-cover.img)
      file(READ ${WORK}/${n}-meta.opf meta)
      # calibre joins a subtitle to the title with ": " (its opf3.py).
      string(REGEX MATCH "<dc:title id=\"title\">([^<]*)</dc:title>" _ "${opf}")
      set(title "${CMAKE_MATCH_1}")
      if(opf MATCHES "<dc:title id=\"subtitle\">([^<]*)</dc:title>")
        set(title "${title}: ${CMAKE_MATCH_1}")
      endif()
      must_contain("${meta}" "<dc:title>${title}</dc:title>")
      # one author read back per dc:creator, in order
      string(REGEX MATCHALL "<dc:creator[^>]*>[^<]*</dc:creator>" ours "${opf}")
      string(REGEX MATCHALL "<dc:creator[^>]*>[^<]*</dc:creator>" theirs "${meta}")
      string(REGEX REPLACE "<dc:creator[^>]*>([^<]*)</dc:creator>" "\\1" ours "${ours}")
      string(REGEX REPLACE "<dc:creator[^>]*>([^<]*)</dc:creator>" "\\1" theirs "${theirs}")
      if(NOT ours STREQUAL theirs OR ours STREQUAL "")
        message(FATAL_ERROR "${n}: calibre reads authors '${theirs}', the book has '${ours}'")
      endif()
      must_contain("${meta}" "<dc:language>${lang3}</dc:language>")
      file(SIZE ${WORK}/${n}-cover.img size)
      file(READ ${WORK}/${n}-cover.img sig LIMIT 8 HEX)
      if(size LESS 1000 OR NOT sig STREQUAL "89504e470d0a1a0a")
        message(FATAL_ERROR "${n}: calibre found no PNG cover (${size} bytes, ${sig})")
      endif()
      message(STATUS "calibre reads ${n} right: '${title}', ${ours}, ${lang3}, ${size}-byte cover")
    endforeach()

  elseif(MODE STREQUAL "chromium")
    # Issue 12 item 9, measured where it shows: the stylesheet as headless
    # Chromium lays the book out.  A script added to a copy of each document
    # writes what it measured into <body data-probe="...">, read back from
    # --dump-dom.
    find_program(CHROMIUM NAMES chromium chromium-browser)
    if(NOT CHROMIUM)
      message(FATAL_ERROR "chromium not found (sh scripts/deps.sh test)")
    endif()
    function(probe dir doc size js out)
      file(READ ${dir}/EPUB/${doc} x)
      string(REPLACE "</body>" "<script><![CDATA[${js}]]></script></body>" x "${x}")
      file(WRITE ${dir}/EPUB/probe-${doc} "${x}")
      execute_process(COMMAND ${CHROMIUM} --headless --no-sandbox --disable-gpu --hide-scrollbars
                              --window-size=${size} --dump-dom ${dir}/EPUB/probe-${doc}
                      RESULT_VARIABLE rc OUTPUT_VARIABLE dom ERROR_VARIABLE err TIMEOUT 120)
      if(NOT dom MATCHES "data-probe=\"([^\"]*)\"")
        message(FATAL_ERROR "chromium measured nothing in ${doc} (exit ${rc}):\n${err}")
      endif()
      set(${out} "${CMAKE_MATCH_1}" PARENT_SCOPE)
    endfunction()
    # Near: |A - B| <= TOL (decimal numbers; CMake's math is integer-only,
    # so in hundredths).
    function(near what a b tol)
      foreach(v a b tol)
        string(REGEX MATCH "^([0-9]+)(\\.([0-9]*))?" _ "${${v}}")
        string(SUBSTRING "${CMAKE_MATCH_3}00" 0 2 frac)
        math(EXPR ${v}_h "${CMAKE_MATCH_1} * 100 + ${frac}")
      endforeach()
      math(EXPR d "${a_h} - ${b_h}")
      if(d LESS 0)
        math(EXPR d "-${d}")
      endif()
      if(d GREATER tol_h)
        message(FATAL_ERROR "${what}: ${a} is not within ${tol} of ${b}")
      endif()
    endfunction()
    file(WRITE ${WORK}/css.md "---\ntitle: Styles\n---\n\nText with `inline code` in it.\n\n"
               "```\nint main(void) { return 0; }\n```\n\n## One\n\nA.\n\n### One a\n\nB.\n\n"
               "### One b\n\nC.\n\n#### One b i\n\nD.\n\n## Two\n\nE.\n\n### Two a\n\nF.\n")
    run(o 0 ${OCTAVO} ${WORK}/css.md -o ${WORK}/css.epub)
    unzip_to(${WORK}/css.epub ${WORK}/css)

    # Code, inline and in blocks, at 0.9 em of the body text (14.4 px of
    # 16); a lone "monospace" gave 11.7 px.
    string(CONCAT js "var f=function(s){return parseFloat(getComputedStyle(document.querySelector(s)).fontSize);};"
           "document.body.setAttribute('data-probe',[f('p'),f('p code'),f('pre code')].join(' '));")
    probe(${WORK}/css ch001.xhtml 800,1200 "${js}" sizes)
    separate_arguments(sizes)
    list(GET sizes 0 body)
    list(GET sizes 1 code)
    list(GET sizes 2 pre)
    near("inline code size (px)" ${code} 14.4 0.3)
    near("code block size (px)" ${pre} 14.4 0.3)
    near("body text size (px)" ${body} 16 0.01)

    # The contents: the same gap between any two entries, at any depth.
    string(CONCAT js "var a=document.querySelectorAll('nav#toc a'),d=[];"
           "for(var i=1;i!==a.length;i++)d.push(a[i].getBoundingClientRect().top-a[i-1].getBoundingClientRect().top);"
           "document.body.setAttribute('data-probe',d.join(' '));")
    probe(${WORK}/css nav.xhtml 800,1200 "${js}" gaps)
    separate_arguments(gaps)
    list(LENGTH gaps n)
    if(NOT n EQUAL 6)
      message(FATAL_ERROR "wanted 7 contents entries (the opening and 6 headings), measured gaps ${gaps}")
    endif()
    list(GET gaps 0 first)
    foreach(g ${gaps})
      near("gap between contents entries (px), all ${gaps}" ${g} ${first} 0.5)
    endforeach()

    # The cover: the whole picture on the screen, as large as the screen
    # allows, in portrait and in landscape, with nothing to scroll.
    string(CONCAT js "var r=document.querySelector('image').getBoundingClientRect(),e=document.scrollingElement;"
           "document.body.setAttribute('data-probe',[innerWidth,innerHeight,r.left,r.top,r.right,r.bottom,"
           "e.scrollWidth,e.scrollHeight].join(' '));")
    foreach(size 800,1200 1200,700)
      probe(${WORK}/css cover.xhtml ${size} "${js}" box)
      separate_arguments(box)
      list(GET box 0 vw)
      list(GET box 1 vh)
      list(GET box 2 left)
      list(GET box 3 top)
      list(GET box 4 right)
      list(GET box 5 bottom)
      list(GET box 6 sw)
      list(GET box 7 sh)
      if(left MATCHES "^-" OR top MATCHES "^-" OR right GREATER vw OR bottom GREATER vh
         OR sw GREATER vw OR sh GREATER vh)
        message(FATAL_ERROR "the cover overflows a ${size} screen: ${box}")
      endif()
      # Fills the limiting side: the full height when the screen is wider
      # than the 2:3 picture, else the full width.
      math(EXPR wide "${vw} * 3 - ${vh} * 2")
      if(wide GREATER 0)
        near("cover height on ${size} (${box})" ${bottom} ${vh} 2)
        near("cover top on ${size} (${box})" ${top} 0 2)
      else()
        near("cover width on ${size} (${box})" ${right} ${vw} 2)
        near("cover left on ${size} (${box})" ${left} 0 2)
      endif()
      message(STATUS "cover on ${size}: ${box}")
    endforeach()

  elseif(MODE STREQUAL "cover")
    # Issue 15: the generated cover is an SVG on the cover page (Chromium
    # draws it) and a PNG thumbnail as the cover-image (our FreeType code
    # draws it).  Both must show the title's ink where the layout puts it
    # (inside the text margins, 0.14 of the width; centred; in the upper
    # middle) and agree with each other to a few pixels; and calibre must
    # carry the cover into a Kindle book.
    find_program(CHROMIUM NAMES chromium chromium-browser)
    find_program(CONVERT ebook-convert)
    find_program(META ebook-meta)
    if(NOT CHROMIUM OR NOT CONVERT OR NOT META)
      message(FATAL_ERROR "chromium or calibre not found (sh scripts/deps.sh test)")
    endif()
    set(ENV{CALIBRE_CONFIG_DIRECTORY} ${WORK}/calibre-config)
    # "W H X0 Y0 X1 Y1 COUNT" of the text-coloured pixels of a PNG, as a list
    function(ink png out)
      run(i 0 ${INK} ${png})
      string(STRIP "${i_out}" v)
      string(REPLACE " " ";" v "${v}")
      set(${out} "${v}" PARENT_SCOPE)
    endfunction()
    foreach(input samples/japan-nato-ukraine.txt tests/data/epub/rooftop-garden-ar.html)
      get_filename_component(n ${input} NAME_WE)
      run(o 0 ${OCTAVO} ${SRC}/${input} -o ${WORK}/${n}.epub)
      unzip_to(${WORK}/${n}.epub ${WORK}/${n})
      ink(${WORK}/${n}/EPUB/images/cover.png thumb)
      # the page in a window of the cover's shape, which it fills
      execute_process(COMMAND ${CHROMIUM} --headless --no-sandbox --disable-gpu --hide-scrollbars
                              --window-size=600,900 --screenshot=${WORK}/${n}-page.png
                              ${WORK}/${n}/EPUB/cover.xhtml
                      RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
      if(NOT rc EQUAL 0 OR NOT EXISTS ${WORK}/${n}-page.png)
        message(FATAL_ERROR "chromium could not screenshot ${n}'s cover page (${rc}): ${err}")
      endif()
      ink(${WORK}/${n}-page.png page)
      foreach(pic thumb page)
        list(GET ${pic} 0 w)
        list(GET ${pic} 1 h)
        list(GET ${pic} 2 x0)
        list(GET ${pic} 3 y0)
        list(GET ${pic} 4 x1)
        list(GET ${pic} 5 y1)
        list(GET ${pic} 6 count)
        math(EXPR left "${w} * 14 / 100 - 2")
        math(EXPR right "${w} * 86 / 100 + 2")
        math(EXPR mid2 "${x0} + ${x1} - ${w}") # twice the box centre's offset
        math(EXPR top "${h} * 20 / 100")
        math(EXPR bottom "${h} * 70 / 100")
        math(EXPR least "${w} * ${h} / 200") # half a per cent of the picture
        if(NOT w EQUAL 600 OR NOT h EQUAL 900 OR count LESS least OR x0 LESS left
           OR x1 GREATER right OR mid2 GREATER 36 OR mid2 LESS -36 OR y0 LESS top
           OR y1 GREATER bottom)
          message(FATAL_ERROR "${n}: the ${pic}'s title ink is not where the layout puts it: "
                              "${w}x${h}, box ${x0},${y0}-${x1},${y1}, ${count} px "
                              "(wanted x ${left}..${right} centred, y ${top}..${bottom}, "
                              ">= ${least} px)")
        endif()
      endforeach()
      # Skia and FreeType antialias differently, so a glyph's edge row may
      # be ink in one and not the other: the boxes agree to 1 % of the width
      # (6 px; the seed's and the Arabic cover's differ by 2 and 3).
      foreach(i 2 3 4 5)
        list(GET thumb ${i} a)
        list(GET page ${i} b)
        math(EXPR d "${a} - ${b}")
        if(d GREATER 6 OR d LESS -6)
          message(FATAL_ERROR "${n}: the cover page (SVG) and the thumbnail (PNG) differ: "
                              "ink boxes ${page} and ${thumb}")
        endif()
      endforeach()
      list(GET thumb 6 a)
      list(GET page 6 b)
      math(EXPR d "(${a} - ${b}) * 100 / ${a}")
      if(d GREATER 15 OR d LESS -15)
        message(FATAL_ERROR "${n}: the cover page (SVG) has ${b} px of title ink, the "
                            "thumbnail ${a}")
      endif()
      message(STATUS "${n}: cover page ink ${page}, thumbnail ${thumb}")
    endforeach()
    # The Kindle path: calibre keeps the cover-image as the book's cover.
    run(k 0 ${CONVERT} ${WORK}/japan-nato-ukraine.epub ${WORK}/k.azw3)
    run(m 0 ${META} ${WORK}/k.azw3 --get-cover=${WORK}/k-cover.img)
    file(SIZE ${WORK}/k-cover.img size)
    file(READ ${WORK}/k-cover.img sig LIMIT 3 HEX)
    if(size LESS 1000 OR NOT sig STREQUAL "ffd8ff")
      message(FATAL_ERROR "the Kindle book has no JPEG cover (${size} bytes, ${sig})")
    endif()

  elseif(MODE STREQUAL "golden")
    # The XHTML of a sample against checked-in files (UPDATE=1 rewrites them
    # after you have looked at the output).
    run(g 0 ${OCTAVO} ${INPUT} -o ${WORK}/g.epub)
    unzip_to(${WORK}/g.epub ${WORK}/x)
    file(GLOB got RELATIVE ${WORK}/x/EPUB ${WORK}/x/EPUB/*.xhtml ${WORK}/x/EPUB/*.opf
         ${WORK}/x/EPUB/*.ncx)
    set(dir ${SRC}/tests/golden/epub/${NAME})
    if(UPDATE)
      file(REMOVE_RECURSE ${dir})
      file(MAKE_DIRECTORY ${dir})
      foreach(f ${got})
        configure_file(${WORK}/x/EPUB/${f} ${dir}/${f} COPYONLY)
      endforeach()
      return()
    endif()
    file(GLOB want RELATIVE ${dir} ${dir}/*)
    list(SORT got)
    list(SORT want)
    if(NOT got STREQUAL want)
      message(FATAL_ERROR "files differ: got ${got}, golden ${want}")
    endif()
    foreach(f ${got})
      execute_process(COMMAND diff -u ${dir}/${f} ${WORK}/x/EPUB/${f} RESULT_VARIABLE d
                      OUTPUT_VARIABLE diff)
      if(NOT d EQUAL 0)
        message(FATAL_ERROR "${f} differs from its golden file:\n${diff}")
      endif()
    endforeach()
  else()
    message(FATAL_ERROR "unknown MODE '${MODE}'")
  endif()
  return()
endif()

# ------------------------------------------------------------ registration
add_executable(test_epub_make ${CMAKE_SOURCE_DIR}/tests/unit/test_epub_make.c)
target_link_libraries(test_epub_make PRIVATE oct_read oct_epub)

add_executable(test_epub_unit ${CMAKE_SOURCE_DIR}/tests/unit/test_epub_unit.c)
target_link_libraries(test_epub_unit PRIVATE oct_epub PkgConfig::PNG PkgConfig::CMOCKA)
add_test(NAME epub_unit COMMAND test_epub_unit)
set_tests_properties(epub_unit PROPERTIES LABELS epub ENVIRONMENT OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR})

# The cover's PNG encoder, decoded back with libpng pixel by pixel.
add_executable(test_epub_png ${CMAKE_SOURCE_DIR}/tests/unit/test_epub_png.c)
target_link_libraries(test_epub_png PRIVATE oct_epub PkgConfig::PNG PkgConfig::CMOCKA)
add_test(NAME epub_png COMMAND test_epub_png)
set_tests_properties(epub_png PROPERTIES LABELS epub)

# Pathological books (tests/unit/test_epub_pathological.c): each must be
# written within its TIMEOUT, more than ten times what the linear writer
# takes in the sanitizer build (0.3-2.5 s), and well under what the
# quadratic steps these cases found took: 20,000 same-text headings 88 s
# with -O2, a 32 MiB paragraph 70 s under ASan (a realloc per 4 KB).
add_executable(test_epub_pathological ${CMAKE_SOURCE_DIR}/tests/unit/test_epub_pathological.c)
target_link_libraries(test_epub_pathological PRIVATE oct_epub PkgConfig::LIBZIP)
file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/epub-tests)
foreach(case "headings 20000" "chapters 5000" "images 20000" "paragraph 32" "inlines 200000")
  separate_arguments(args UNIX_COMMAND "${case}")
  list(GET args 0 kind)
  add_test(NAME epub_pathological_${kind}
           COMMAND test_epub_pathological ${args} ${CMAKE_SOURCE_DIR}/tests/golden/epub/data
                   ${CMAKE_BINARY_DIR}/epub-tests/pathological-${kind}.epub)
  set_tests_properties(epub_pathological_${kind} PROPERTIES LABELS epub TIMEOUT 30
                       ENVIRONMENT OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR})
endforeach()

find_program(EPUB_JAVA java)
find_file(EPUB_EPUBCHECK epubcheck.jar PATHS /usr/share/java NO_DEFAULT_PATH)
set(epub_driver ${CMAKE_COMMAND} -DOCTAVO=$<TARGET_FILE:octavo> -DMAKER=$<TARGET_FILE:test_epub_make>
    -DJAVA=${EPUB_JAVA} -DEPUBCHECK=${EPUB_EPUBCHECK} -DSRC=${CMAKE_SOURCE_DIR})
set(epub_ref ${CMAKE_SOURCE_DIR}/samples/japan-nato-ukraine.txt)

function(epub_test name mode)
  add_test(NAME epub_${name}
           COMMAND ${epub_driver} -DMODE=${mode} -DWORK=${CMAKE_BINARY_DIR}/epub-tests/${name}
                   ${ARGN} -P ${CMAKE_SOURCE_DIR}/tests/epub.cmake)
  set_tests_properties(epub_${name} PROPERTIES LABELS epub)
endfunction()

# Every sample must make a book epubcheck passes without a single message.
file(GLOB epub_samples CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/samples/*.txt
     ${CMAKE_SOURCE_DIR}/samples/*.md ${CMAKE_SOURCE_DIR}/samples/*.html)
foreach(s ${epub_samples})
  get_filename_component(n ${s} NAME_WE)
  epub_test(check_${n} sample -DINPUT=${s} -DNAME=${n})
endforeach()

epub_test(kitchen_sink kitchen)
epub_test(hostile_text hostile_text)
# the same hostile tree through the writer under valgrind (not in the
# sanitizer build: ASan and valgrind cannot share a process)
find_program(EPUB_VALGRIND valgrind)
if(EPUB_VALGRIND AND NOT OCTAVO_SANITIZE)
  add_test(NAME epub_hostile_text_valgrind
           COMMAND ${EPUB_VALGRIND} -q --error-exitcode=9 --leak-check=full
                   --errors-for-leak-kinds=definite,indirect $<TARGET_FILE:test_epub_make> --ts
                   1700000000 --hostile ${CMAKE_BINARY_DIR}/epub-tests/hostile-valgrind.epub)
  set_tests_properties(epub_hostile_text_valgrind PROPERTIES LABELS epub
                       ENVIRONMENT OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR})
endif()
epub_test(missing_image missing_image)
epub_test(structure structure)
set_tests_properties(epub_structure PROPERTIES TIMEOUT 300)
epub_test(reproducible repro -DINPUT=${epub_ref})
epub_test(metadata meta -DINPUT=${epub_ref})
epub_test(options options -DINPUT=${epub_ref})
# An Arabic article (right to left, translated labels) lives in tests/data/epub
# rather than samples/: the PDF writer cannot lay out Arabic yet (libharu
# does not shape it or run it right to left), and every sample is a PDF too.
set(epub_arabic ${CMAKE_SOURCE_DIR}/tests/data/epub/rooftop-garden-ar.html)
foreach(g samples/japan-nato-ukraine.txt samples/small-libraries.md samples/winter-sourdough.md
          samples/bus-stop-benches.md tests/data/epub/rooftop-garden-ar.html)
  get_filename_component(n ${g} NAME_WE)
  epub_test(golden_${n} golden -DINPUT=${CMAKE_SOURCE_DIR}/${g} -DNAME=${n})
endforeach()

# calibre's conversion to text and its metadata reader (ebook-convert and
# ebook-meta start in 1.5-3 s each; nine runs).
epub_test(calibre calibre)
set_tests_properties(epub_calibre PROPERTIES LABELS "epub;calibre" TIMEOUT 300)

# The generated cover as Chromium draws its page and as the thumbnail is
# drawn, and through calibre to a Kindle book (tests/unit/cover_ink.c).
add_executable(cover_ink ${CMAKE_SOURCE_DIR}/tests/unit/cover_ink.c)
target_link_libraries(cover_ink PRIVATE PkgConfig::PNG)
epub_test(cover cover -DINK=$<TARGET_FILE:cover_ink>)
set_tests_properties(epub_cover PROPERTIES LABELS "epub;calibre" TIMEOUT 300)

# The stylesheet as Chromium renders it (code size, contents gaps, cover).
epub_test(chromium chromium)
set_tests_properties(epub_chromium PROPERTIES TIMEOUT 300)

# Ace by DAISY on the book of every sample and of the Arabic article: 0
# violations (tests/epub/ace.sh installs the pinned ace-cli on first use
# and skips only when the npm registry is out of reach).  Some 6-8 s a book,
# most of it Chromium starting.  Not in the sanitizer build: Ace judges the
# book's markup, which the sanitizers do not change, and would add minutes.
if(NOT OCTAVO_SANITIZE)
  add_test(NAME epub_ace
           COMMAND sh ${CMAKE_SOURCE_DIR}/tests/epub/ace.sh $<TARGET_FILE:octavo>
                   ${CMAKE_BINARY_DIR}/epub-tests/ace ${epub_samples} ${epub_arabic})
  set_tests_properties(epub_ace PROPERTIES LABELS "epub;ace" TIMEOUT 1200 SKIP_RETURN_CODE 77
                       ENVIRONMENT "OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR};SOURCE_DATE_EPOCH=1700000000")
endif()
