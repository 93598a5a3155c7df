"""MIS export headings and rows the roster tests share."""

STAFF = "Staff ID,Title,Forename,Surname,Email,Job Title,Staff Teams"
PUPILS = (
    "Adno,Surname,Forename,Year,Reg,Contact ID,Contact Forename,Contact Surname,Relationship,"
    "Parental Responsibility,Priority,Primary Email"
)
FAMILIES = [
    "003501,Okafor,Chioma,Year 9,9A,20417,Ngozi,Okafor,Mother,Yes,1,ngozi@home.example",
    "003501,Okafor,Chioma,Year 9,9A,20420,Chidi,Okafor,Father,Yes,2,",
    "003502,Okafor,Emeka,Year 7,7B,20417,Ngozi,Okafor,Mother,Yes,1,ngozi@home.example",
    "003502,Okafor,Emeka,Year 7,7B,20420,Chidi,Okafor,Father,Yes,2,",
    "003503,Lee,Ann,Year 8,8A,20423,Jo,Lee,Mother,Yes,1,jo@home.example",
]
