// The demo site's content seeded on first run: The Offcut's authors, categories, posts, comments and pages.
import type { DemoSite } from './demo.js';

export const demoSite: DemoSite = {
  title: 'The Offcut',
  tagline: 'A small magazine about craft, cities, science and supper.',

  authors: [
    {
      login: 'mara',
      displayName: 'Mara Lindqvist',
      email: 'mara@example.com',
      role: 'editor',
      bio: 'Edits The Offcut from a flat above a bicycle shop. Writes about cities, maps and the things people leave on walls.',
    },
    {
      login: 'tobias',
      displayName: 'Tobias Achterberg',
      email: 'tobias@example.com',
      role: 'author',
      bio: 'Furniture maker and occasional physics teacher. Believes most problems can be solved with a sharper chisel and a cup of tea.',
    },
    {
      login: 'ines',
      displayName: 'Inès Marchetti',
      email: 'ines@example.com',
      role: 'author',
      bio: 'Cook, fermenter and reluctant data person. Keeps a notebook of every loaf she has ever ruined.',
    },
  ],

  categories: [
    {
      slug: 'craft',
      name: 'Craft',
      description: 'Making things by hand, and what the making teaches.',
    },
    {
      slug: 'woodworking',
      name: 'Woodworking',
      description: 'Joints, tools and furniture built at a small bench.',
      parent: 'craft',
    },
    {
      slug: 'cities',
      name: 'Cities',
      description: 'Streets, infrastructure and the civic details most people walk straight past.',
    },
    {
      slug: 'science',
      name: 'Science',
      description: 'Everyday experiments and the curious physics of ordinary things.',
    },
    {
      slug: 'kitchen',
      name: 'Kitchen',
      description: 'Recipes, ferments and the chemistry of dinner.',
    },
    {
      slug: 'field-notes',
      name: 'Field Notes',
      description: 'Short dispatches from workshops, markets, meetings and street corners.',
    },
  ],

  posts: [
    {
      slug: 'a-year-of-sharpening',
      title: 'A year of sharpening',
      publishedAt: '2026-01-08T08:15:00.000Z',
      author: 'tobias',
      categories: ['craft', 'woodworking'],
      tags: ['tools', 'beginners'],
      excerpt: 'One small resolution, kept for twelve months, changed the way I work at the bench more than a new tool ever has.',
      markdown: `Last January I made a resolution that had nothing to do with exercise or early nights: I would sharpen every edge tool on my bench *before* it felt dull, not after. Twelve months later, the habit has changed the way I work more than all the new tools I have bought.

## Why dull tools are dangerous

A dull chisel does not refuse to cut. It cuts badly, and it asks you to push harder, which is where accidents come from. When the edge is keen, the tool goes where you point it and stops when you stop. When it is dull, you lean your weight into the handle and the work becomes a negotiation with the wood instead of a conversation.

## The routine that stuck

After several false starts, I settled on something almost embarrassingly small:

1. At the start of each session, strop every chisel I expect to use.
2. Every Friday, take the two most-used chisels and one plane iron back to the fine stone.
3. Once a month, flatten the stones themselves, because a dished stone quietly ruins everything else.

That is it. No jigs, no elaborate microbevels, just a few minutes of attention at regular intervals.

## What changed

The obvious change is that my joints are cleaner. The less obvious one is that I now *hear* sharpness. A keen plane makes a thin, dry hiss on pine; a tired one makes a rasp. I did not notice that sound until I had heard the difference several hundred times.

> Sharpening is not a chore that happens before the work. It is the first part of the work.

I wrote that line on a scrap of plywood and screwed it above the grinder, where it has been mocked by every visitor to the workshop.

If you want to start a similar habit, the [beginner's guide to waterstones](https://example.org/guides/waterstones) on the Bench Notes wiki is honest about the trade-offs, and it does not try to sell you anything. Start with one stone, one chisel and one week. The rest follows.
`,
    },
    {
      slug: 'keeping-time-with-a-starter',
      title: 'Keeping time with a sourdough starter',
      publishedAt: '2026-01-29T10:00:00.000Z',
      author: 'ines',
      categories: ['kitchen', 'science'],
      tags: ['fermentation', 'recipes', 'beginners'],
      excerpt: 'A jar of flour and water on the counter turns out to be a very good clock, as long as you know what it is measuring.',
      markdown: `My starter is called Humphrey, and he is older than my current phone. Every sourdough baker I know names theirs eventually, and I used to think it was sentimental. Now I think it is practical: you are keeping a living culture on a schedule, and it helps to think of it as a slightly demanding housemate.

## What is actually in the jar

A sourdough starter is a stable community of wild yeasts and lactic acid bacteria living in flour and water. The yeasts produce the gas that lifts the bread. The bacteria produce the acids that give sourdough its tang and keep unwanted microbes out. Neither does the job alone, which is why a healthy culture is more resilient than a packet of commercial yeast, and also more opinionated.

## Temperature is the clock

The single most useful thing I have learned is that the kitchen thermometer matters more than the recipe. The same starter peaks at very different times depending on where it sits:

| Kitchen temperature | Time to peak after feeding | How the bread tastes |
| --- | --- | --- |
| 18 °C | 10–12 hours | mild, almost milky |
| 22 °C | 6–8 hours | balanced |
| 26 °C | 4–5 hours | sharp and sour |

Those are my numbers, not laws of nature, but the pattern holds for almost everyone I have compared notes with.

## A feeding rhythm for busy weeks

- Feed at a ratio of one part starter, five parts flour, five parts water before bed.
- Bake in the morning, when the surface is domed and freckled with bubbles.
- If you will be away, feed it stiffly and put it in the fridge; it will sulk for a day and recover.

## The point of it all

People often ask whether sourdough is worth the trouble when a good bakery is around the corner. I think the answer depends on what you want from the trouble. A jar on the counter makes you notice the weather, the season and the warmth of your own house. That attention is half the pleasure.

The [Open Crumb project](https://example.org/open-crumb) collects readers' feeding logs, and it is a good place to see how wildly different everyone's timings are. If yours do not match mine, your kitchen is not wrong. It is just keeping a different time.
`,
    },
    {
      slug: 'reading-a-city-by-its-manhole-covers',
      title: 'Reading a city by its manhole covers',
      publishedAt: '2026-02-11T07:45:00.000Z',
      author: 'mara',
      categories: ['cities'],
      tags: ['walking', 'infrastructure', 'history'],
      markdown: `Most people walk over them without looking down. I have spent the last three winters looking down, and I can tell you that the iron lids in a city's pavements are a better history book than most plaques.

## Every lid has a signature

A cast-iron cover usually carries three pieces of information: who made it, who owns what lies beneath, and roughly when it went in. Foundry names appear around the rim. Utility initials sit in the centre. The patterns (grids, stars, concentric rings) are mostly there for grip, but they also changed with fashion, so an experienced eye can date a cover to within a decade or two.

On a single twenty-minute walk from my flat to the station I counted:

- eleven different foundry names, four of them from firms that closed before 1970;
- three covers for a tram network that was dismantled generations ago;
- one lid stamped simply *FIRE*, for a hydrant chamber that no longer exists.

## Why they outlast everything else

Road surfaces are replaced every couple of decades. Shopfronts change with every new tenant. But a heavy iron lid sitting in a concrete frame is rarely worth the cost of digging out, so it stays. Layers of the city's past end up preserved in the pavement like fossils in a cliff.

> A street is a palimpsest, and the covers are where the older writing shows through.

That line comes from a retired water engineer I met while photographing a lid outside a bakery. He had installed some of the covers himself and could tell me which ones had been laid in the rain.

## How to start looking

You need nothing but patience and a phone camera. Photograph from directly above, note the street, and try to read the rim before the centre. The [Street Iron archive](https://example.org/street-iron) accepts submissions and has a helpful guide to common foundry marks. Be careful near traffic, and be prepared for people to ask what you have lost.
`,
    },
    {
      slug: 'creme-brulee-at-2-a-m',
      title: 'Crème brûlée at 2 a.m.',
      publishedAt: '2026-02-27T02:10:00.000Z',
      author: 'ines',
      categories: ['kitchen'],
      tags: ['recipes', 'seasonal'],
      markdown: `This is not a recipe for a dinner party. It is a recipe for the specific situation of being awake too late, having four eggs and a carton of cream, and deciding that what the night needs is custard with a glass roof.

## The custard

Crème brûlée is mostly about patience, which is ironic given the hour. You want the custard to set gently, so the oven runs low and the dishes sit in a water bath.

1. Warm 300 ml of double cream with a split vanilla pod until it just steams.
2. Whisk three egg yolks with 40 g of sugar until pale, then pour in the cream slowly, whisking all the while.
3. Strain into two ramekins, set them in a deep tray, and pour hot water around them to halfway up.
4. Bake at 140 °C for 30 to 35 minutes, until the edges are set and the centre wobbles like a waterbed.

Then comes the hard part: they need to chill for at least two hours. I usually give up and go to bed here, which is the real secret. The dessert is for tomorrow.

## The roof

Scatter a thin, even layer of caster sugar over each custard and melt it with a blowtorch, keeping the flame moving. If you do not own a blowtorch, a very hot grill works, although you will need to watch it closely and you will almost certainly scorch one corner.

*Thin* is the important word. A thick layer of sugar melts unevenly and sets like a windscreen. You want something closer to stained glass: it should crack cleanly under the spoon, with a sound that makes everyone at the table look up.

## A note on eggs

Leftover whites keep in the fridge for several days. I freeze mine in an ice-cube tray, one white per cube, and they become meringues on a more civilised afternoon. There is a longer discussion of [what to do with spare egg whites](https://example.org/kitchen/egg-whites) on the community forum if you find yourself with a freezer full of them.
`,
      comments: [
        {
          authorName: 'Joanna Pryce',
          authorEmail: 'joanna.pryce@example.com',
          body: 'Made this at a far more reasonable hour and it still worked. The advice about a *thin* layer of sugar is spot on.',
          minutesAfterPost: 540,
          replies: [
            {
              authorName: 'Inès Marchetti',
              authorEmail: 'ines@example.com',
              body: 'Daylight custard is allowed. Glad it cracked properly!',
              minutesAfterPost: 610,
            },
          ],
        },
      ],
    },
    {
      slug: 'counting-starlings-with-a-cheap-camera',
      title: 'Counting starlings with a cheap camera and a little code',
      publishedAt: '2026-03-15T09:30:00.000Z',
      author: 'tobias',
      categories: ['science'],
      tags: ['data', 'beginners'],
      markdown: `Every evening in late winter, a few thousand starlings gather over the reed bed behind the allotments before dropping into it to roost. I wanted to know whether the flock was growing or shrinking over the season, and counting by eye was hopeless. So I pointed an old webcam at the sky and wrote a very small program.

## The idea

A starling against a pale sky is a dark blob. If you take a photograph every few seconds and count the dark blobs, you get a rough estimate of how many birds are in the frame. It will never be precise, because birds overlap and the flock folds in on itself, but the *trend* across weeks is what I cared about.

## The code

The heart of it is a function that walks over the pixels of a greyscale frame and counts connected dark regions. Here is a simplified version:

\`\`\`js
function countBlobs(pixels, width, height, threshold = 80) {
  const seen = new Uint8Array(width * height);
  let blobs = 0;
  for (let i = 0; i < pixels.length; i++) {
    if (seen[i] || pixels[i] > threshold) continue;
    blobs++;
    const stack = [i];
    while (stack.length > 0) {
      const p = stack.pop();
      if (seen[p] || pixels[p] > threshold) continue;
      seen[p] = 1;
      const x = p % width;
      if (x > 0) stack.push(p - 1);
      if (x < width - 1) stack.push(p + 1);
      if (p >= width) stack.push(p - width);
      if (p < width * (height - 1)) stack.push(p + width);
    }
  }
  return blobs;
}
\`\`\`

It is a flood fill, the same technique a paint program uses for its bucket tool. Nothing clever, and it runs happily on a ten-year-old laptop.

## What the numbers said

The evening peak climbed steadily from early January, levelled off in the third week of February, and then fell away quickly as the birds dispersed to breed. That matches what the local bird group had recorded by hand for years, which was reassuring rather than exciting.

The more surprising result was how much the count depended on cloud. On overcast evenings the birds arrived earlier and packed more tightly, so my blob count dropped even when the flock was, if anything, larger. Before trusting a number, check what else changed.

If you would like to try something similar, the [Backyard Counts handbook](https://example.org/backyard-counts) has good advice on camera placement and on not disturbing the birds.
`,
    },
    {
      slug: 'the-rivers-under-our-streets',
      title: 'The rivers under our streets',
      publishedAt: '2026-04-04T08:00:00.000Z',
      author: 'mara',
      categories: ['cities', 'science'],
      tags: ['walking', 'infrastructure', 'history'],
      excerpt: 'Most cities were built around small streams, and most of those streams are still there, bricked over and running in the dark. A long walk along one of them.',
      markdown: `There is a river under my street. You cannot see it, and for most of the last century nobody much wanted to. But on wet autumn nights you can hear it through the drain grate outside number fourteen, running fast and cold toward the harbour, and once you have heard it you start to see its traces everywhere.

## How a river disappears

Most cities grew up around small streams. They supplied water, powered mills and carried away waste, and as the town grew they became first useful, then embarrassing, then dangerous. The usual sequence runs like this:

1. The stream is straightened and lined with stone so that buildings can crowd its banks.
2. It becomes an open sewer, and the smell becomes a political issue.
3. It is vaulted over with brick, and a road is laid on top.
4. Within two generations, almost nobody remembers it was there.

Our stream, which old maps call the Millbourne, went through all four stages between about 1780 and 1890. By my grandparents' day, it was just a name on a pub sign.

## Reading the ground

Buried rivers leave clues if you know how to look. Streets that curve for no obvious reason often follow an old bank. A sudden dip in a road, where puddles gather, can mark a valley that was filled in. Basements along the line of a lost stream tend to flood, and their owners tend to know exactly why.

> You can bury a river, but you cannot bury the valley it made.

That was the first thing a hydrologist told me when I started asking questions. Water still follows the shape of the land. After heavy rain the Millbourne rises inside its culvert, and if the culvert is too small, the water comes up into the streets.

## Daylighting

Several cities have begun to open their buried streams again, a process planners call *daylighting*. The benefits are real: an open channel can carry more flood water than an old brick pipe, it cools the surrounding streets in summer, and it gives wildlife a corridor through dense neighbourhoods. So are the costs. Opening a culvert means closing a road, moving utilities and persuading residents that a river in the street is an asset rather than a hazard.

The [Lost Rivers Atlas](https://example.org/lost-rivers-atlas) maps hundreds of buried watercourses, and its contributors include retired engineers, schoolchildren and at least one very determined dog walker.

## Listening for it

I do not expect the Millbourne to be daylit in my lifetime. But I have started walking its course on rainy nights, from the spring behind the cemetery to the outfall below the fish market, stopping at every grate to listen. It is still there, still carrying the rain to the sea. We just stopped paying attention.
`,
      comments: [
        {
          authorName: 'Harriet Osei',
          authorEmail: 'harriet.osei@example.com',
          authorUrl: 'https://example.org/~harriet',
          body: 'I grew up two streets from the Millbourne outfall and never knew it had a name. My grandmother always blamed the flooded cellar on *the old brook*, and we all thought she was being poetic.',
          minutesAfterPost: 45,
          replies: [
            {
              authorName: 'Mara Lindqvist',
              authorEmail: 'mara@example.com',
              body: 'Your grandmother was right, and probably knew more than the council maps of the time. If your family kept photographs of that cellar, I would love to see them.',
              minutesAfterPost: 90,
              replies: [
                {
                  authorName: 'Harriet Osei',
                  authorEmail: 'harriet.osei@example.com',
                  authorUrl: 'https://example.org/~harriet',
                  body: "I'll ask my uncle, he has a shoebox full of prints. There's one of the 1968 flood with my mum standing on a kitchen chair.",
                  minutesAfterPost: 150,
                  replies: [
                    {
                      authorName: 'Mara Lindqvist',
                      authorEmail: 'mara@example.com',
                      body: 'That sounds like exactly the kind of picture the [Lost Rivers Atlas](https://example.org/lost-rivers-atlas) would treasure, if your family is happy to share it.',
                      minutesAfterPost: 205,
                      replies: [
                        {
                          authorName: 'Harriet Osei',
                          authorEmail: 'harriet.osei@example.com',
                          authorUrl: 'https://example.org/~harriet',
                          body: 'Uncle says yes. Scanning them this weekend!',
                          minutesAfterPost: 1260,
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
        {
          authorName: 'Dev Raman',
          authorEmail: 'dev.raman@example.com',
          body: "The point about curved streets is so satisfying. I just checked a map of my neighbourhood and there's a road that bends around absolutely nothing. Now I know why.",
          minutesAfterPost: 120,
          replies: [
            {
              authorName: 'Clara Fitzgerald',
              authorEmail: 'clara.fitzgerald@example.com',
              body: 'Careful, though: some bends follow old field boundaries, not streams. Check the contour lines before you get too attached to the theory.',
              minutesAfterPost: 180,
              replies: [
                {
                  authorName: 'Dev Raman',
                  authorEmail: 'dev.raman@example.com',
                  body: "Fair. But the contour lines do dip right there, so I'm claiming it.",
                  minutesAfterPost: 235,
                },
              ],
            },
          ],
        },
        {
          authorName: 'Pieter de Wolf',
          authorEmail: 'pieter.dewolf@example.com',
          body: "Drainage engineer here. One thing to add: many culverts were sized for the rainfall of the 1800s. Storms have changed; the pipes haven't. Daylighting isn't only romantic, it is often the cheapest way to add capacity.",
          minutesAfterPost: 300,
          replies: [
            {
              authorName: 'Tobias Achterberg',
              authorEmail: 'tobias@example.com',
              body: 'Is that true even counting the cost of moving all the utilities? I would have guessed a bigger pipe was cheaper.',
              minutesAfterPost: 340,
              replies: [
                {
                  authorName: 'Pieter de Wolf',
                  authorEmail: 'pieter.dewolf@example.com',
                  body: 'Sometimes yes, sometimes no. A bigger pipe still has to empty somewhere downstream, and the outfall is usually the bottleneck. An open channel can spread the water out instead of squeezing it through.',
                  minutesAfterPost: 420,
                  replies: [
                    {
                      authorName: 'Tobias Achterberg',
                      authorEmail: 'tobias@example.com',
                      body: 'That makes sense. Thank you for the patient answer.',
                      minutesAfterPost: 500,
                    },
                  ],
                },
              ],
            },
          ],
        },
        {
          authorName: 'Ruth Amsel',
          authorEmail: 'ruth.amsel@example.com',
          body: 'Walking a buried river on a rainy night is now on my list. Does anyone know of a guided walk?',
          minutesAfterPost: 720,
          replies: [
            {
              authorName: 'Mara Lindqvist',
              authorEmail: 'mara@example.com',
              body: "Not an official one yet. A few of us are planning to walk the Millbourne from spring to sea in May, and I'll post the details here.",
              minutesAfterPost: 800,
            },
          ],
        },
        {
          authorName: 'Sam Okafor',
          authorEmail: 'sam.okafor@example.com',
          body: 'Lovely piece. The line about burying the valley is going to stay with me.',
          minutesAfterPost: 1440,
        },
      ],
    },
    {
      slug: 'dovetails-without-fear',
      title: 'Dovetails without fear',
      publishedAt: '2026-04-21T14:20:00.000Z',
      author: 'tobias',
      categories: ['woodworking'],
      tags: ['tools', 'beginners'],
      markdown: `Dovetails have a reputation. They are the joint that woodworking magazines put on their covers, the joint that is supposed to separate the amateur from the craftsperson. That reputation scares a lot of beginners away, which is a shame, because a hand-cut dovetail is mostly a matter of sawing to a line, and sawing to a line is a skill anyone can practise.

## Start with the wrong wood

Do not practise on walnut. Buy a length of cheap, straight-grained pine or poplar, cut it into short pieces, and plan to throw every one of them away. The aim of the first dozen joints is not a drawer. It is to teach your hands what square feels like.

## Choosing a saw

You do not need a special saw to begin, but it helps to understand the options:

| Saw | Teeth per inch | Good for | Drawback |
| --- | --- | --- | --- |
| Western dovetail saw | 14–16 | precise cuts on the push stroke | needs a light grip |
| Japanese *dozuki* | 20+ | very thin kerf, cuts on the pull | fragile spine, easy to kink |
| General tenon saw | 10–12 | forgiving, cheap second-hand | rougher cut in thin stock |

I learned on a second-hand tenon saw and would not change that. A rough cut that you understand is more useful than a perfect one you cannot repeat.

## The method, briefly

- Mark the baseline with a cutting gauge all the way round.
- Lay out the tails by eye. Perfect spacing matters less than confident lines.
- Saw on the waste side, watching the line rather than the saw.
- Chop out the waste halfway from each face, so the edge does not blow out.
- Transfer the tails to the pin board with a sharp knife, not a pencil.

## The gap test

When you fit the joint for the first time, there will be gaps. Look at where they are. Gaps on one side only mean your saw was leaning. Gaps everywhere mean you cut on the line instead of beside it. Each joint is a report card, and each one will be better than the last.

For a slower walkthrough with photographs, the [Bench Notes dovetail primer](https://example.org/guides/dovetail-primer) is the one I send my students to.
`,
    },
    {
      slug: 'a-fermentation-log-in-plain-text',
      title: 'A fermentation log in plain text',
      publishedAt: '2026-05-10T11:05:00.000Z',
      author: 'ines',
      categories: ['kitchen', 'science'],
      tags: ['fermentation', 'data'],
      markdown: `For years my fermentation notes lived on the backs of envelopes, in the margins of cookbooks and, memorably, on a paper towel that went through the washing machine. This spring I finally moved everything into a single plain-text file, and it has made me a better cook.

## The format

Each line is one observation. The date comes first, then the jar, then whatever I noticed:

\`\`\`text
2026-04-02  kimchi-3  salted, packed, 2.5% brine
2026-04-04  kimchi-3  bubbling, smells of garlic and apple
2026-04-07  kimchi-3  sour enough, moved to fridge
2026-04-07  kraut-1   no activity yet, kitchen cold
\`\`\`

No app, no spreadsheet, nothing that can stop being supported. Any editor can open it, and it will still be readable in twenty years.

## A tiny script

Once the file had a few hundred lines, I wanted to answer simple questions, such as how many days my kimchi usually takes to sour. A dozen lines of JavaScript were enough:

\`\`\`js
import { readFileSync } from 'node:fs';

const lines = readFileSync('ferments.txt', 'utf8').trim().split('\\n');
const byJar = new Map();
for (const line of lines) {
  const [date, jar, ...note] = line.split(/\\s+/);
  if (!byJar.has(jar)) byJar.set(jar, []);
  byJar.get(jar).push({ date: new Date(date), note: note.join(' ') });
}
for (const [jar, entries] of byJar) {
  const days = (entries.at(-1).date - entries[0].date) / 86_400_000;
  console.log(jar.padEnd(10), days.toFixed(0), 'days');
}
\`\`\`

## What the log taught me

- My kitchen is about three degrees colder in April than I assumed, which explains a lot.
- Cabbage ferments faster in smaller jars, probably because they warm up more quickly.
- I had been giving up on slow batches too early. Most of them were fine by day ten.

A friend who keeps a sourdough culture has started using the same format for her feeding notes, and we now compare files the way other people compare holiday photos. If you would like a template, mine is on the [community recipe board](https://example.org/recipes/ferment-log).

> Write it down while your hands are still wet. You will not remember it later.
`,
    },
    {
      slug: 'the-geometry-of-a-good-bus-stop',
      title: 'The geometry of a good bus stop',
      publishedAt: '2026-05-31T06:40:00.000Z',
      author: 'mara',
      categories: ['cities'],
      tags: ['infrastructure', 'walking'],
      markdown: `A bus stop is a strange piece of architecture. Thousands of people use it every week, most of them for less than ten minutes, and almost nobody thinks of it as designed. Yet the difference between a good stop and a bad one comes down to a handful of measurements.

## Which way the shelter faces

The best shelters turn their backs to the prevailing wind, which sounds obvious until you notice how many do not. A shelter with its open side into the weather is a funnel. On my route to work, two out of five shelters collect rain rather than keep it off, because they were installed to line up neatly with the kerb rather than with the sky.

## How far apart

Stops that are too close together slow the whole route down; stops too far apart leave older passengers with a long walk. Many transit planners aim for something like 300 to 400 metres in dense areas, but the right spacing depends on hills, crossings and who actually rides the bus. A stop at the top of a steep street is worth two at the bottom.

## The details that matter

- **Seating** that does not slope forward, so people can actually rest.
- **A timetable** at eye height, lit after dark, in type larger than a footnote.
- **Space for a wheelchair or pram** that is not blocked by the bin.
- **A kerb at the right height**, so the bus can pull in close and the step is small.

None of these is expensive. All of them are easy to get wrong.

## Walking the route

Last month I rode a single route from end to end and got off at every shelter with a tape measure and a notebook. It took most of a Saturday. The results are rough, but I have shared them on the [Transit Walks noticeboard](https://example.org/transit-walks/route-12) in case anyone at the council wants a list of things to fix. If you try the same exercise on your own route, please add your notes there too.
`,
      comments: [
        {
          authorName: 'Luca Bianchi',
          authorEmail: 'luca.bianchi@example.com',
          body: 'The kerb height point is so underrated. My mum uses a walking frame, and the gap between the bus and the pavement decides whether she goes out at all.',
          minutesAfterPost: 95,
        },
        {
          authorName: 'Priya Nair',
          authorEmail: 'priya.nair@example.com',
          authorUrl: 'https://example.org/priya',
          body: "Forwarded this to our residents' association. We have a shelter that faces straight into the sea wind, and nobody ever waits in it.",
          minutesAfterPost: 300,
          replies: [
            {
              authorName: 'Mara Lindqvist',
              authorEmail: 'mara@example.com',
              body: 'Please send a photo if you get the chance. A shelter facing the sea is the purest form of this problem.',
              minutesAfterPost: 420,
            },
          ],
        },
      ],
    },
    {
      slug: 'mending-as-a-daily-practice',
      title: 'Mending as a daily practice',
      publishedAt: '2026-06-19T16:00:00.000Z',
      author: 'ines',
      categories: ['craft'],
      tags: ['repair', 'beginners'],
      markdown: `I used to save mending for a rainy weekend that never came. Torn shirts went into a basket, the basket filled, and eventually a bag of perfectly good clothes went to the charity shop because facing the pile felt worse than replacing it. This year I tried something different: ten minutes of repair, every day, before looking at my phone in the morning.

## Why ten minutes works

Ten minutes is too short to feel like a project and long enough to finish something small. A button can be reattached in five. A split seam takes ten. Even a hole in a jumper can be darned across three mornings without anyone noticing that a job is under way.

## The kit

You do not need much, and most of it fits in a biscuit tin:

- a few needles of different sizes, including one with a large eye for wool;
- a reel of strong neutral thread, and a few colours you actually wear;
- a darning mushroom or, failing that, a smooth wooden spoon;
- small sharp scissors that nobody is allowed to use on paper.

## Visible or invisible

There is a lively argument among menders about whether repairs should hide or show. Invisible mending is a real skill, and a well-matched patch can make a garment look new. Visible mending, with contrasting thread and deliberate patterns, treats the repair as decoration. I do both, depending on the garment and my mood. The only rule I hold to is that the repair should be stronger than the fabric around it.

> A mended thing carries a small record of someone deciding it was worth keeping.

## What changed

Six months in, the basket is empty most of the time. More surprisingly, I have started buying fewer clothes, because I now think about how easy something will be to repair *before* I buy it. Natural fibres, generous seam allowances and sturdy buttons have become the things I look for.

The [Mend Circle directory](https://example.org/mend-circle) lists free repair meetups in many towns, and it is a good place to borrow a sewing machine or to learn from someone more patient than a video.
`,
    },
    {
      slug: 'why-clear-ice-is-so-hard-to-make',
      title: 'Why clear ice is so hard to make',
      publishedAt: '2026-07-08T12:30:00.000Z',
      author: 'tobias',
      categories: ['science', 'kitchen'],
      tags: ['seasonal', 'beginners'],
      markdown: `Ice from a home freezer is almost always cloudy in the middle. Bar ice, the kind that looks like a block of glass, is clear all the way through. The difference is not the water. It is the direction in which the water freezes.

## Where the cloud comes from

Tap water contains dissolved air and small amounts of minerals. As water freezes, the growing crystal pushes those impurities ahead of it. In an ice-cube tray, freezing starts from every side at once: top, bottom and walls. The impurities are herded toward the centre, and when there is nowhere left for them to go, they are trapped as a cloud of tiny bubbles and specks.

## Directional freezing

The trick used by ice makers is to freeze from one direction only. If the sides and bottom of the container are insulated, the water freezes from the top down, and the impurities are pushed steadily into the last unfrozen layer at the bottom. Cut that layer away, and what remains is clear.

At home, a small insulated cool box with its lid off does the job. Fill it with water, put it in the freezer, and take it out before it freezes solid.

### What I measured

I tried three methods over a fortnight, each with the same tap water:

| Method | Hours in freezer | Clear fraction of the block |
| --- | --- | --- |
| Ordinary cube tray | 5 | about 20% |
| Boiled water in a tray | 5 | about 30% |
| Cool box, lid off | 20 | about 75% |

Boiling the water helped a little, because it drives off some dissolved air, but it was nowhere near as effective as controlling the direction of freezing. The popular advice to use distilled water made almost no difference in my freezer, which surprised me.

## Is it worth it?

Clear ice melts slightly more slowly, because it has fewer cracks and bubbles for warmth to work into, and it looks wonderful in a glass. Whether that justifies a cool box in the freezer for most of the summer is a question for your household. There is a thorough write-up of the physics in the [Kitchen Physics notebook](https://example.org/kitchen-physics/clear-ice) if you want the details.
`,
    },
    {
      slug: 'a-morning-at-the-tool-library',
      title: 'A morning at the tool library',
      publishedAt: '2026-07-25T10:15:00.000Z',
      author: 'mara',
      categories: ['field-notes', 'craft', 'cities'],
      tags: ['tools', 'repair'],
      markdown: `The tool library opens at nine on Saturdays, in a former bank branch between a launderette and a shop that sells only umbrellas. By ten past nine there is a queue.

## What it is

Members pay a small yearly fee and can borrow almost anything: drills, ladders, wallpaper steamers, a pressure washer, two sewing machines, a tile cutter, and a surprising number of ice-cream makers that people donated and nobody borrows. The catalogue runs to a little over eight hundred items, all of them given by neighbours or bought with small grants.

## Who comes

In one morning I met:

1. a retired teacher returning a hedge trimmer and borrowing a jigsaw;
2. two flatmates who needed a stud finder and had never heard of one;
3. a man building a raised bed for his daughter's school, who left with a mitre saw and three pieces of advice;
4. a volunteer who spends each Saturday sharpening returned chisels, and who told me, with feeling, what people do to them.

## Why it works

The idea is simple: most households use a drill for a few minutes a year, so a street needs one good drill rather than forty cheap ones. But the volunteers say the real value is the conversation at the counter. People come in for a tool and leave with instructions, a warning, or an offer of help.

> Half of what we lend is the drill. The other half is someone saying, "Here, let me show you."

The library is always looking for volunteers, especially people who can repair small engines. Details are on its [membership page](https://example.org/tool-library/join), and if your own town does not have one yet, the same site has a guide to starting one.
`,
      comments: [
        {
          authorName: 'Oskar Lund',
          authorEmail: 'oskar.lund@example.com',
          body: "We started one in our village hall last year with forty items. It's now over three hundred, and the most borrowed thing by far is a carpet cleaner.",
          minutesAfterPost: 200,
        },
      ],
    },
    {
      slug: 'rebuilding-a-kitchen-chair-joint-by-joint',
      title: 'Rebuilding a kitchen chair, joint by joint',
      publishedAt: '2026-08-16T08:45:00.000Z',
      author: 'tobias',
      categories: ['craft', 'woodworking'],
      tags: ['repair', 'tools', 'history'],
      markdown: `The chair came from a house clearance: beech, probably ninety years old, with a rush seat that had long since rotted away. Every joint wobbled. A previous owner had tried to fix it with nails, a length of wire and what I think was wallpaper paste. It cost less than a sandwich, and it has taken me most of the summer.

## Taking it apart

Old chairs were usually assembled with hide glue, which has a useful property: it softens with heat and moisture. A damp cloth and a warm iron, applied patiently, will release most joints without damage. The nails were another matter. Each one had to be drawn out slowly with pliers so that it did not split the leg.

I numbered every piece with masking tape before it came loose. This is the single most useful piece of advice I can give anyone restoring furniture. A chair in fifteen pieces looks nothing like a chair.

## Cleaning the joints

Old glue must come off before new glue will hold. Hot water and a stiff brush work for hide glue. The mystery paste needed a scraper and a great deal of patience. Two of the tenons had shrunk so much that I glued thin slips of beech to their cheeks and pared them back to a snug fit.

## Putting it back together

- Dry-fit everything first, with no glue, to check that it all still goes together.
- Glue in stages: the back frame, then the front frame, then the rails that join them.
- Clamp gently. Too much pressure squeezes out the glue and racks the frame.
- Measure the diagonals before the glue sets; if they match, the chair is square.

## The seat

Reweaving a rush seat is a craft of its own, and I was lucky to find a local weaver willing to teach me over two evenings. The result is a little uneven on one side, which I have decided is charming.

The chair now lives at the kitchen table, and it is the one everybody chooses. There is a good guide to [working with hide glue](https://example.org/guides/hide-glue) if you have a wobbly chair of your own.
`,
      comments: [
        {
          authorName: 'Beatrix Hale',
          authorEmail: 'beatrix.hale@example.com',
          authorUrl: 'https://example.org/beatrix-makes',
          body: 'Numbering the pieces *before* they come apart: I learned that one the hard way with a rocking chair. Lovely result.',
          minutesAfterPost: 180,
        },
        {
          authorName: 'Tomasz Wrona',
          authorEmail: 'tomasz.wrona@example.com',
          body: 'Did you use hide glue again for the reassembly, or something modern?',
          minutesAfterPost: 1300,
          replies: [
            {
              authorName: 'Tobias Achterberg',
              authorEmail: 'tobias@example.com',
              body: 'Hide glue again. The next person can undo it with heat and water, and this chair will need fixing again one day.',
              minutesAfterPost: 1390,
            },
          ],
        },
      ],
    },
    {
      slug: 'a-month-of-noise-on-our-street',
      title: 'A month of noise on our street',
      publishedAt: '2026-09-05T07:00:00.000Z',
      author: 'ines',
      categories: ['science', 'cities'],
      tags: ['data', 'infrastructure'],
      markdown: `Our street is not a quiet one. There is a bakery that takes deliveries at five, a primary school, and a junction where every bus changes gear. When the council proposed moving a lorry route past our front doors, a group of neighbours decided to find out how loud things already were, so that we would have numbers rather than adjectives.

## The equipment

We used four inexpensive sound-level meters that log to a memory card, fixed to first-floor window frames on both sides of the street. None is laboratory grade, but we checked them against one another and against a calibrated meter borrowed from the university, and they agreed to within a couple of decibels.

Each meter wrote one reading per minute. To combine the files we leaned on two standard command-line tools:

\`\`\`sh
cat meter-*.csv | sort -t, -k1,1 > combined.csv
awk -F, '{ sum[$2] += $3; n[$2]++ } END { for (h in sum) print h, sum[h] / n[h] }' combined.csv
\`\`\`

Strictly speaking, decibels should not be averaged like this, because the scale is logarithmic; the proper method converts each reading to sound energy first. For spotting patterns, the shortcut was good enough.

## What we found

Averaged by hour across the month, the pattern was clear:

| Time of day | Typical level | Main source |
| --- | --- | --- |
| 02:00–04:00 | 38 dB | distant traffic, foxes |
| 05:00–06:00 | 61 dB | bakery deliveries |
| 08:00–09:00 | 68 dB | school run, buses |
| 13:00–14:00 | 59 dB | buses, playground |
| 17:00–18:00 | 70 dB | evening traffic |

The busiest hours were already close to the level that [public health guidance](https://example.org/health/noise-guidance) associates with disturbed sleep and raised stress for people living nearby.

## What happened next

We presented the figures at a public meeting, together with a short account of how they were collected. The lorry route is still under discussion, but the council has agreed to commission its own measurements, which is more than we expected. If nothing else, we now know which hour to keep the windows shut.
`,
    },
    {
      slug: 'the-last-tomatoes-of-the-year',
      title: 'The last tomatoes of the year',
      publishedAt: '2026-10-03T17:20:00.000Z',
      author: 'ines',
      categories: ['kitchen', 'field-notes'],
      tags: ['seasonal', 'recipes', 'fermentation'],
      markdown: `At the end of September the allotment gives up its tomatoes in a final, disorganised rush. Some are ripe, most are not, and the forecast promises a frost within the week. This is the moment for triage.

## Sorting the harvest

I tip everything onto the kitchen table and divide it into three piles:

1. **Ripe and perfect**: eaten raw, the same day, with salt and good oil.
2. **Ripe but split or bruised**: cooked down into a plain sauce and frozen in flat bags.
3. **Green and hard**: kept for pickling, or wrapped in newspaper to ripen slowly in a drawer.

The third pile is always the biggest, and it is the one I look forward to.

## Green tomato pickle

Green tomatoes are firm, tart and slightly grassy, which makes them excellent for a quick lacto-fermented pickle. Slice them thickly, pack them into a clean jar with garlic, dill seed and a few peppercorns, and cover with a brine of about 2.5% salt by weight. Weigh them down so nothing pokes above the surface, cover loosely, and leave at cool room temperature.

After four or five days they turn olive-coloured and pleasantly sour. Taste every day after that, and move the jar to the fridge when you like the flavour. They keep for weeks and are particularly good with cheese and crusty bread.

## Ripening in a drawer

Tomatoes ripen in response to ethylene, a gas they release themselves, so keeping them close together in a closed space speeds things up. A single ripe apple in the drawer helps further. Check them every couple of days and remove anything that starts to soften unevenly. Some will never ripen; those go back to pile three.

*A small confession:* every year I promise to plant fewer tomatoes, and every year I plant more. The [allotment society's seed swap](https://example.org/allotments/seed-swap) is to blame, and I will be there again in February.
`,
    },
    {
      slug: 'how-we-handle-corrections',
      title: 'How we handle corrections',
      publishedAt: '2026-10-22T09:00:00.000Z',
      author: 'mara',
      categories: ['field-notes'],
      tags: ['history'],
      markdown: `A small magazine makes mistakes, and this one is no exception. In the spirit of showing our working, here is how we deal with them.

## What counts as a correction

We correct errors of fact: a wrong date, a misattributed quotation, a measurement that was off by a factor of ten. We do not quietly rewrite opinions after publication, even when we have changed our minds. If an argument has aged badly, we would rather write a new piece that says so.

## How corrections appear

- The error is fixed in the text.
- A short note at the foot of the article says what changed and when.
- If the mistake was significant, we also mention it in the next newsletter.

We never delete a published article to hide an error. The archive stays as honest as we can make it.

## Examples from this year

In February, a piece about manhole covers misspelt the name of a foundry, and a great-grandson of the founder was kind enough to write in. In July, an article on clear ice gave the wrong freezing time for the cool-box method; a reader who had tried it let us know within hours.

### Telling us

If you spot something wrong, leave a comment on the article or write to the editor through the [contact form](https://example.org/contact). We read everything, and we are grateful every time.
`,
    },
  ],

  pages: [
    {
      slug: 'about',
      title: 'About The Offcut',
      menuOrder: 1,
      markdown: `The Offcut is a small, independent magazine about the things people make, the places they live, and the questions that come up along the way. We write about craft, cities, everyday science and food, usually from close range: a workbench, a street corner, a kitchen table.

We are three regular writers and a rotating cast of readers whose comments often turn out to be better than the articles. We publish a few times a month, when we have something worth saying, and not to a schedule.

## What we believe

- Curiosity is a practical skill, and it improves with use.
- Good instructions are a form of kindness.
- The ordinary world is more interesting than it looks.

## Who we are

**Mara Lindqvist** edits the magazine and writes about cities. **Tobias Achterberg** builds furniture and explains physics. **Inès Marchetti** cooks, ferments and keeps the spreadsheets.

The name comes from the workshop: an offcut is the piece left over after the main job is done, too good to throw away and usually the start of something else.
`,
    },
    {
      slug: 'colophon',
      title: 'Colophon',
      menuOrder: 2,
      markdown: `The Offcut is written in plain text and published with Quire, a self-hosted publishing platform, on a small server that lives in a cupboard and occasionally needs a reboot.

## Type and design

Body text is set in a readable serif at a generous size, with headings in a quiet sans. We aim for pages that load quickly, work without scripts, and print cleanly for anyone who prefers to read on paper.

## Images

Photographs are taken by the writers unless credited otherwise. Diagrams are drawn by hand and scanned, which explains the wobbly lines.

## Licence

Text is published under a Creative Commons Attribution licence, so you are welcome to share and adapt it with credit. Code snippets in articles may be used freely, without attribution, in your own projects.

## Thanks

To our readers, our commenters, the volunteers at the tool library, and everyone who has written in to tell us we got something wrong.
`,
    },
  ],
};
