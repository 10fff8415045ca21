// Application forms in the shapes the ATS providers serve (field names, labels and markup as their
// hosted forms use them), a generic one, and the pages that must stop the filler: a CAPTCHA, a
// login wall and a page with no form.

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

/** Greenhouse job board: job_application[...] names, custom questions as answers_attributes. */
export const GREENHOUSE_FORM = page(
  'Senior Backend Engineer at Acme Robotics',
  `<div id="application">
  <h2>Apply for this Job</h2>
  <form id="application_form" action="/greenhouse/submit" method="post" enctype="multipart/form-data">
    <div class="field"><label for="first_name">First Name <span class="asterisk">*</span></label>
      <input type="text" id="first_name" name="job_application[first_name]" aria-required="true"></div>
    <div class="field"><label for="last_name">Last Name <span class="asterisk">*</span></label>
      <input type="text" id="last_name" name="job_application[last_name]" aria-required="true"></div>
    <div class="field"><label for="email">Email <span class="asterisk">*</span></label>
      <input type="text" id="email" name="job_application[email]" aria-required="true"></div>
    <div class="field"><label for="phone">Phone</label>
      <input type="text" id="phone" name="job_application[phone]"></div>
    <div class="field"><label>Resume/CV <span class="asterisk">*</span></label>
      <input type="file" id="resume" name="job_application[resume]" aria-required="true"></div>
    <div class="field"><label for="job_application_answers_attributes_0_text_value">LinkedIn Profile</label>
      <input type="text" id="job_application_answers_attributes_0_text_value" name="job_application[answers_attributes][0][text_value]"></div>
    <div class="field"><label for="job_application_answers_attributes_1_boolean_value">Are you legally authorized to work in the United Kingdom? <span class="asterisk">*</span></label>
      <select id="job_application_answers_attributes_1_boolean_value" name="job_application[answers_attributes][1][boolean_value]" aria-required="true">
        <option value="">--</option><option value="1">Yes</option><option value="0">No</option></select></div>
    <div class="field"><label for="job_application_answers_attributes_2_boolean_value">Will you now or in the future require sponsorship for employment visa status (e.g. H-1B visa status)? <span class="asterisk">*</span></label>
      <select id="job_application_answers_attributes_2_boolean_value" name="job_application[answers_attributes][2][boolean_value]" aria-required="true">
        <option value="">--</option><option value="1">Yes</option><option value="0">No</option></select></div>
    <div class="field"><label for="job_application_answers_attributes_3_text_value">Why do you want to work at Acme Robotics? <span class="asterisk">*</span></label>
      <textarea id="job_application_answers_attributes_3_text_value" name="job_application[answers_attributes][3][text_value]" required></textarea></div>
    <input type="submit" id="submit_app" value="Submit Application">
  </form></div>`,
);

/** Lever: the label wraps the control; multiple-choice cards have no fieldset. */
export const LEVER_FORM = page(
  'Acme Robotics - Senior Backend Engineer',
  `<form method="POST" action="/lever/apply" enctype="multipart/form-data" id="application-form">
  <h4>Submit your application</h4>
  <ul>
    <li class="application-question resume"><label><div class="application-label">Resume/CV<span class="required">✱</span></div>
      <div class="application-field"><input type="file" name="resume" id="resume-upload-input" required></div></label></li>
    <li class="application-question"><label><div class="application-label">Full name<span class="required">✱</span></div>
      <div class="application-field"><input type="text" name="name" required></div></label></li>
    <li class="application-question"><label><div class="application-label">Email<span class="required">✱</span></div>
      <div class="application-field"><input type="email" name="email" required></div></label></li>
    <li class="application-question"><label><div class="application-label">Phone</div>
      <div class="application-field"><input type="text" name="phone"></div></label></li>
    <li class="application-question"><label><div class="application-label">Current location</div>
      <div class="application-field"><input type="text" name="location"></div></label></li>
    <li class="application-question"><label><div class="application-label">LinkedIn URL</div>
      <div class="application-field"><input type="text" name="urls[LinkedIn]"></div></label></li>
    <li class="application-question custom-question"><div class="application-label full-width">Will you now or in the future require visa sponsorship?<span class="required">✱</span></div>
      <div class="application-field full-width"><ul data-qa="multiple-choice">
        <li><label><input type="radio" name="cards[8a5c][field0]" value="Yes" required><span class="application-answer-alternative">Yes</span></label></li>
        <li><label><input type="radio" name="cards[8a5c][field0]" value="No" required><span class="application-answer-alternative">No</span></label></li>
      </ul></div></li>
  </ul>
  <button type="submit" class="template-btn-submit">Submit application</button>
</form>`,
);

/** Ashby: _systemfield_ ids, placeholders, a fieldset of choices and an aria-labelled group. */
export const ASHBY_FORM = page(
  'Senior Backend Engineer @ Acme Robotics',
  `<div class="ashby-job-posting-application"><form class="ashby-application-form-container">
    <div class="_fieldEntry"><label class="ashby-application-form-question-title" for="_systemfield_name">Name<span>*</span></label>
      <input id="_systemfield_name" name="_systemfield_name" type="text" placeholder="Type here..." required></div>
    <div class="_fieldEntry"><label class="ashby-application-form-question-title" for="_systemfield_email">Email<span>*</span></label>
      <input id="_systemfield_email" name="_systemfield_email" type="email" placeholder="hello@example.com..." required></div>
    <div class="_fieldEntry"><label class="ashby-application-form-question-title" for="_systemfield_resume">Resume<span>*</span></label>
      <input id="_systemfield_resume" name="_systemfield_resume" type="file" required></div>
    <div class="_fieldEntry"><label class="ashby-application-form-question-title" for="7f1c">What is your notice period?</label>
      <input id="7f1c" name="7f1c" type="text" placeholder="Type here..."></div>
    <fieldset class="_fieldEntry"><legend class="ashby-application-form-question-title">Are you open to relocation?</legend>
      <label><input type="radio" name="2b9e" value="true">Yes</label><label><input type="radio" name="2b9e" value="false">No</label></fieldset>
    <div class="_fieldEntry" role="group" aria-labelledby="9d0a-title"><span id="9d0a-title">Do you require visa sponsorship to work in the UK?</span>
      <label><input type="checkbox" name="9d0a" value="Yes">Yes</label><label><input type="checkbox" name="9d0a" value="No">No</label></div>
    <button type="submit" class="ashby-application-form-submit-button">Submit Application</button>
  </form></div>`,
);

/** Workable: firstname/lastname names, aria labels, a QA_ custom question and a cover letter box. */
export const WORKABLE_FORM = page(
  'Senior Backend Engineer - Acme Robotics',
  `<form data-ui="application-form" action="/workable/apply" method="post" enctype="multipart/form-data">
    <input type="text" name="firstname" aria-label="First name" placeholder="First name" required>
    <input type="text" name="lastname" aria-label="Last name" placeholder="Last name" required>
    <input type="email" name="email" aria-label="Email" placeholder="Email" required>
    <input type="tel" name="phone" aria-label="Phone" placeholder="Phone">
    <input type="file" name="resume" aria-label="Upload resume">
    <textarea name="cover_letter" aria-label="Cover letter"></textarea>
    <label for="QA_4721">What are your salary expectations?</label><input type="text" id="QA_4721" name="QA_4721">
    <button type="submit" data-ui="submit">Submit application</button>
  </form>`,
);

/** A company's own careers form. */
export const GENERIC_FORM = page(
  'Apply — Acme Robotics',
  `<form action="/generic/apply" method="post" enctype="multipart/form-data">
    <p><label>Your name <input name="applicant" placeholder="Full name" required></label></p>
    <p><label for="mail">E-mail address</label> <input id="mail" name="mail" type="email" required></p>
    <p><label for="notice">Notice period</label> <select id="notice" name="notice">
      <option value="">Please choose</option><option value="0">Immediately</option><option value="2w">Two weeks</option>
      <option value="1m">One month</option><option value="3m">Three months</option></select></p>
    <p><label for="cv">CV (PDF)</label> <input id="cv" name="cv" type="file" accept=".pdf"></p>
    <p><label for="letter">Cover letter</label> <textarea id="letter" name="letter"></textarea></p>
    <p><label><input type="checkbox" name="privacy" required> I agree to the privacy policy</label></p>
    <button>Send</button>
  </form>`,
);

export const CAPTCHA_FORM = page(
  'Apply',
  `<form action="/captcha/apply" method="post"><label for="e">Email</label><input id="e" name="email" type="email">
    <div class="g-recaptcha" data-sitekey="6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI"></div><button>Apply</button></form>`,
);

export const LOGIN_WALL = page(
  'Sign in to apply',
  `<form action="/login" method="post"><h1>Sign in to continue your application</h1>
    <label for="u">Email</label><input id="u" name="username" type="email">
    <label for="p">Password</label><input id="p" name="password" type="password"><button>Sign in</button></form>`,
);

export const NOT_A_FORM = page(
  'Acme Robotics careers',
  '<h1>Senior Backend Engineer</h1><p>Email jobs@acme.example to apply.</p>',
);

/** Every field type a form may hold, one question each: text, email, tel, url, select, radio, checkbox, textarea, file. */
export const EVERY_FIELD_FORM = page(
  'Apply — Acme Robotics',
  `<form action="/every/apply" method="post" enctype="multipart/form-data">
    <label for="n">Full name</label><input id="n" name="full_name" type="text" required>
    <label for="e">Email</label><input id="e" name="email" type="email" required>
    <label for="t">Mobile</label><input id="t" name="mobile" type="tel">
    <label for="l">LinkedIn profile</label><input id="l" name="linkedin" type="url">
    <label for="s">Notice period</label><select id="s" name="notice"><option value="">Choose</option>
      <option value="2w">Two weeks</option><option value="1m">One month</option></select>
    <fieldset><legend>Will you require visa sponsorship?</legend>
      <label><input type="radio" name="sponsorship" value="yes" required> Yes</label>
      <label><input type="radio" name="sponsorship" value="no" required> No</label></fieldset>
    <fieldset><legend>Anything else</legend>
      <label><input type="checkbox" name="relocate" value="willing"> I am willing to relocate</label></fieldset>
    <label for="c">Cover letter</label><textarea id="c" name="cover"></textarea>
    <label for="r">Resume</label><input id="r" name="resume" type="file" required>
    <button type="submit">Submit application</button>
  </form>`,
);

const steps = `<script>
  for (const next of document.querySelectorAll('.next')) next.addEventListener('click', () => {
    const step = next.closest('fieldset');
    for (const el of step.querySelectorAll('[required]')) if (!el.value) return;
    step.hidden = true;
    step.nextElementSibling.hidden = false;
  });
</script>`;

/** One page, one fieldset shown at a time, "Next" and "Continue" buttons, then the final submit. */
export const MULTI_STEP_FORM = page(
  'Apply in three steps — Acme Robotics',
  `<form action="/multistep/apply" method="post" enctype="multipart/form-data">
    <fieldset><legend>Step 1 of 3: you</legend>
      <label for="fn">First name</label><input id="fn" name="first" required>
      <label for="ln">Last name</label><input id="ln" name="last" required>
      <label for="em">Email</label><input id="em" name="email" type="email" required>
      <button type="button" class="next">Next</button></fieldset>
    <fieldset hidden><legend>Step 2 of 3: experience</legend>
      <label for="cv">Resume</label><input id="cv" name="cv" type="file">
      <label for="np">What is your notice period?</label><input id="np" name="notice">
      <fieldset><legend>Will you now or in the future require visa sponsorship?</legend>
        <label><input type="radio" name="visa" value="Yes"> Yes</label>
        <label><input type="radio" name="visa" value="No"> No</label></fieldset>
      <button type="button" class="next">Continue</button></fieldset>
    <fieldset hidden><legend>Step 3 of 3: last words</legend>
      <label for="cl">Cover letter</label><textarea id="cl" name="letter"></textarea>
      <label for="sal">What are your salary expectations?</label><input id="sal" name="salary">
      <button type="submit">Submit application</button></fieldset>
  </form>${steps}`,
);

/** A multi-step form whose second step wants an account before going on. */
export const ACCOUNT_STEP_FORM = page(
  'Apply — Acme Robotics',
  `<form action="/account/apply" method="post">
    <fieldset><legend>Your details</legend>
      <label for="nm">Full name</label><input id="nm" name="name" required>
      <label for="ml">Email</label><input id="ml" name="email" type="email" required>
      <button type="button" class="next">Next</button></fieldset>
    <fieldset hidden><legend>Create an account to continue your application</legend>
      <label for="pw">Choose a password</label><input id="pw" name="password" type="password">
      <button type="button" class="next">Continue</button></fieldset>
    <fieldset hidden><legend>Questions</legend>
      <label for="q">What is your notice period?</label><input id="q" name="notice">
      <button type="submit">Submit</button></fieldset>
  </form>${steps}`,
);

/** A multi-step form whose "Continue" posts the first step to the server. */
export const SERVER_STEP_FORM = page(
  'Apply — step 1',
  `<form action="/server-step/next" method="post">
    <label for="sn">Full name</label><input id="sn" name="name" required>
    <label for="se">Email</label><input id="se" name="email" type="email" required>
    <button type="submit">Continue</button>
  </form>`,
);

/** A form whose second field, when focused, makes the test close the browser (a crash mid-fill). */
export const CRASHING_FORM = page(
  'Apply',
  `<form action="/crashing/apply" method="post">
    <label for="cn">Full name</label><input id="cn" name="name">
    <label for="ce">Email</label><input id="ce" name="email" type="email" onfocus="fetch('/crash')">
    <button type="submit">Apply</button>
  </form>`,
);

/** The every-field form after the employer added a question the approved fill did not show. */
export const EVERY_FIELD_FORM_CHANGED = EVERY_FIELD_FORM.replace(
  '<label for="c">',
  '<label for="sal">Salary expectations</label><input id="sal" name="salary">\n    <label for="c">',
);
